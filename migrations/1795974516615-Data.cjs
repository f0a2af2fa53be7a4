module.exports = class Data1795974516615 {
    name = 'Data1795974516615'

    async up(db) {
        await db.query(`CREATE TABLE "provider_day" ("id" character varying NOT NULL, "network" text NOT NULL, "day" TIMESTAMP WITH TIME ZONE NOT NULL, "provider" text NOT NULL, "facts" integer NOT NULL, CONSTRAINT "PK_52f4347a50c0d010f9fefecb43e" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_d2e8122716cdf3b041d230029e" ON "provider_day" ("network", "provider") `)
        await db.query(`CREATE INDEX "IDX_7315c6463e5bd13d1c34c6fe0a" ON "provider_day" ("network", "day") `)
    }

    async down(db) {
        await db.query(`DROP TABLE "provider_day"`)
        await db.query(`DROP INDEX "public"."IDX_d2e8122716cdf3b041d230029e"`)
        await db.query(`DROP INDEX "public"."IDX_7315c6463e5bd13d1c34c6fe0a"`)
    }
}
