module.exports = class Data1795975169595 {
    name = 'Data1795975169595'

    // Edited by hand: existing rollup rows get 0 (added with DEFAULT 0), then the defaults are dropped so that the
    // table matches the models exactly (including the lock columns of the previous migration).
    async up(db) {
        await db.query(`ALTER TABLE "network_stat" ADD "fees_shared_native" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "network_stat" ALTER COLUMN "fees_shared_native" DROP DEFAULT`)
        await db.query(`ALTER TABLE "network_stat" ALTER COLUMN "locked_native" DROP DEFAULT`)
        await db.query(`ALTER TABLE "network_stat" ALTER COLUMN "unlocked_native" DROP DEFAULT`)
    }

    async down(db) {
        await db.query(`ALTER TABLE "network_stat" DROP COLUMN "fees_shared_native"`)
        await db.query(`ALTER TABLE "network_stat" ALTER COLUMN "locked_native" SET DEFAULT '0'`)
        await db.query(`ALTER TABLE "network_stat" ALTER COLUMN "unlocked_native" SET DEFAULT '0'`)
    }
}
