module.exports = class Data1795991183973 {
    name = 'Data1795991183973'

    async up(db) {
        await db.query(`CREATE TABLE "provider_count_day" ("id" character varying NOT NULL, "network" text NOT NULL, "day" TIMESTAMP WITH TIME ZONE NOT NULL, "active_providers" integer NOT NULL, "new_providers" integer NOT NULL, "last_active_providers" integer NOT NULL, CONSTRAINT "PK_3c4419a1fa35eac7704fd9e32e1" PRIMARY KEY ("id"))`)
        await db.query(`CREATE UNIQUE INDEX "IDX_b720c28e8767522cb91f11b62d" ON "provider_count_day" ("network", "day") `)
        await db.query(`CREATE TABLE "provider_span" ("id" character varying NOT NULL, "network" text NOT NULL, "provider" text NOT NULL, "first_day" TIMESTAMP WITH TIME ZONE NOT NULL, "last_day" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9ca82f60a3dba0d7e7a8b6c3895" PRIMARY KEY ("id"))`)
        // backfill from the provider days already indexed (the indexer maintains both tables from here on)
        await db.query(`INSERT INTO "provider_span" ("id", "network", "provider", "first_day", "last_day")
            SELECT network || '-' || provider, network, provider, min(day), max(day) FROM "provider_day" GROUP BY network, provider`)
        await db.query(`INSERT INTO "provider_count_day" ("id", "network", "day", "active_providers", "new_providers", "last_active_providers")
            SELECT network || '-' || to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD'), network, day, sum(a)::int, sum(n)::int, sum(l)::int FROM (
                SELECT network, day, 1 AS a, 0 AS n, 0 AS l FROM "provider_day"
                UNION ALL SELECT network, first_day, 0, 1, 0 FROM "provider_span"
                UNION ALL SELECT network, last_day, 0, 0, 1 FROM "provider_span") x
            GROUP BY network, day`)
    }

    async down(db) {
        await db.query(`DROP TABLE "provider_count_day"`)
        await db.query(`DROP INDEX "public"."IDX_b720c28e8767522cb91f11b62d"`)
        await db.query(`DROP TABLE "provider_span"`)
    }
}
