module.exports = class Data1795982320228 {
    name = 'Data1795982320228'

    async up(db) {
        await db.query(`ALTER TABLE "network_stat" ADD "fees_other_usd" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "network_stat" ADD "protocol_take_other_usd" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "network_stat" ALTER COLUMN "fees_other_usd" DROP DEFAULT`)
        await db.query(`ALTER TABLE "network_stat" ALTER COLUMN "protocol_take_other_usd" DROP DEFAULT`)
    }

    async down(db) {
        await db.query(`ALTER TABLE "network_stat" DROP COLUMN "fees_other_usd"`)
        await db.query(`ALTER TABLE "network_stat" DROP COLUMN "protocol_take_other_usd"`)
    }
}
