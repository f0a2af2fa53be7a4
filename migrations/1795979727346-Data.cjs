module.exports = class Data1795979727346 {
    name = 'Data1795979727346'

    async up(db) {
        await db.query(`CREATE TABLE "lease" ("id" character varying NOT NULL, "network" text NOT NULL, "category" text NOT NULL, "chain_id" integer NOT NULL, "lease_id" text NOT NULL, "provider" text, "payer" text, "status" text NOT NULL, "price" numeric, "price_asset" text, "price_decimals" integer, "price_unit" text, "resources" jsonb, "opened_at" TIMESTAMP WITH TIME ZONE, "opened_block" integer, "opened_tx" text, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_block" integer, "closed_tx" text, "spent" numeric, "provenance" text NOT NULL, CONSTRAINT "PK_954811694773f24986695203663" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_6060e6e5371a09e932c8a3ce83" ON "lease" ("network", "lease_id") `)
        await db.query(`CREATE INDEX "IDX_41d615ffd5bcdd40d64d8edeea" ON "lease" ("network", "provider") `)
        await db.query(`CREATE INDEX "IDX_f25068588117f620ff333eac4b" ON "lease" ("network", "status") `)
        await db.query(`CREATE TABLE "provider" ("id" character varying NOT NULL, "network" text NOT NULL, "category" text NOT NULL, "address" text NOT NULL, "first_seen" TIMESTAMP WITH TIME ZONE NOT NULL, "first_block" integer NOT NULL, "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL, "last_block" integer NOT NULL, "capacity" numeric NOT NULL, "unit" text, "fees_native" numeric NOT NULL, "rewards_native" numeric NOT NULL, "leases_opened" integer NOT NULL, "leases_closed" integer NOT NULL, "facts" integer NOT NULL, CONSTRAINT "PK_6ab2f66d8987bf1bfdd6136a2d5" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_e3d24b2773a7d60fcd8fa88c54" ON "provider" ("network", "last_seen") `)
    }

    async down(db) {
        await db.query(`DROP TABLE "lease"`)
        await db.query(`DROP INDEX "public"."IDX_6060e6e5371a09e932c8a3ce83"`)
        await db.query(`DROP INDEX "public"."IDX_41d615ffd5bcdd40d64d8edeea"`)
        await db.query(`DROP INDEX "public"."IDX_f25068588117f620ff333eac4b"`)
        await db.query(`DROP TABLE "provider"`)
        await db.query(`DROP INDEX "public"."IDX_e3d24b2773a7d60fcd8fa88c54"`)
    }
}
