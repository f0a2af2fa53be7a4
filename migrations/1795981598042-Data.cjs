module.exports = class Data1795981598042 {
    name = 'Data1795981598042'

    async up(db) {
        await db.query(`CREATE TABLE "provider_earning_day" ("id" character varying NOT NULL, "network" text NOT NULL, "day" TIMESTAMP WITH TIME ZONE NOT NULL, "provider" text NOT NULL, "fees_native" numeric NOT NULL, "rewards_native" numeric NOT NULL, "leases_opened" integer NOT NULL, "leases_closed" integer NOT NULL, "facts" integer NOT NULL, CONSTRAINT "PK_ad6da5bb7434503d91036cc2f4c" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_17b8c21007563e91005f6bd253" ON "provider_earning_day" ("network", "provider") `)
        await db.query(`CREATE INDEX "IDX_b7c8adfc1fa973d9822e92edc5" ON "provider_earning_day" ("network", "day") `)
        await db.query(`CREATE TABLE "payer_day" ("id" character varying NOT NULL, "network" text NOT NULL, "day" TIMESTAMP WITH TIME ZONE NOT NULL, "payer" text NOT NULL, "fees_native" numeric NOT NULL, "payments" integer NOT NULL, CONSTRAINT "PK_232db177ec444c07f0eef8e1be1" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_311b3661a716b6bc9b9f264d08" ON "payer_day" ("network", "payer") `)
        await db.query(`CREATE INDEX "IDX_1e28b7273ce5881618279fd5c5" ON "payer_day" ("network", "day") `)
    }

    async down(db) {
        await db.query(`DROP TABLE "provider_earning_day"`)
        await db.query(`DROP INDEX "public"."IDX_17b8c21007563e91005f6bd253"`)
        await db.query(`DROP INDEX "public"."IDX_b7c8adfc1fa973d9822e92edc5"`)
        await db.query(`DROP TABLE "payer_day"`)
        await db.query(`DROP INDEX "public"."IDX_311b3661a716b6bc9b9f264d08"`)
        await db.query(`DROP INDEX "public"."IDX_1e28b7273ce5881618279fd5c5"`)
    }
}
