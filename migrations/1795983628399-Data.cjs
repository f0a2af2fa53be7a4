module.exports = class Data1795983628399 {
    name = 'Data1795983628399'

    async up(db) {
        // existing rows: no lease took capacity yet (0), then no default, as the model requires a value
        await db.query(`ALTER TABLE "network_stat" ADD "leased_capacity_added" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "network_stat" ADD "leased_capacity_removed" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "network_stat" ALTER COLUMN "leased_capacity_added" DROP DEFAULT`)
        await db.query(`ALTER TABLE "network_stat" ALTER COLUMN "leased_capacity_removed" DROP DEFAULT`)
    }

    async down(db) {
        await db.query(`ALTER TABLE "network_stat" DROP COLUMN "leased_capacity_added"`)
        await db.query(`ALTER TABLE "network_stat" DROP COLUMN "leased_capacity_removed"`)
    }
}
