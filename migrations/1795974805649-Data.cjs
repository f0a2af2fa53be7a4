module.exports = class Data1795974805649 {
    name = 'Data1795974805649'

        // DEFAULT 0 added by hand: existing rollup rows had no locks (the generator emits NOT NULL without a default)
    async up(db) {
        await db.query(`ALTER TABLE "network_stat" ADD "locked_native" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "network_stat" ADD "unlocked_native" numeric NOT NULL DEFAULT 0`)
    }

    async down(db) {
        await db.query(`ALTER TABLE "network_stat" DROP COLUMN "locked_native"`)
        await db.query(`ALTER TABLE "network_stat" DROP COLUMN "unlocked_native"`)
    }
}
