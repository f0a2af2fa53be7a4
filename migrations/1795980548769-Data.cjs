module.exports = class Data1795980548769 {
    name = 'Data1795980548769'

    async up(db) {
        await db.query(`CREATE TABLE "batch_checkpoint" ("id" character varying NOT NULL, "chain_id" integer NOT NULL, "first_block" integer NOT NULL, "height" integer NOT NULL, "hash" text NOT NULL, "rows_before" jsonb NOT NULL, CONSTRAINT "PK_ff48ca5d6e3e6e8b2306c0983af" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_1e551f299340efe98c7f5ae1ab" ON "batch_checkpoint" ("chain_id", "height") `)
        await db.query(`CREATE TABLE "reorg_incident" ("id" character varying NOT NULL, "chain" text NOT NULL, "chain_id" integer NOT NULL, "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "stored_height" integer NOT NULL, "stored_hash" text NOT NULL, "chain_hash" text, "rewound_to" integer NOT NULL, "rewound_hash" text, "rows_rolled_back" integer NOT NULL, CONSTRAINT "PK_09b206714e7835f77097f6259fa" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_154d77274ab0fecd9ab9de5627" ON "reorg_incident" ("chain_id", "detected_at") `)
    }

    async down(db) {
        await db.query(`DROP TABLE "batch_checkpoint"`)
        await db.query(`DROP INDEX "public"."IDX_1e551f299340efe98c7f5ae1ab"`)
        await db.query(`DROP TABLE "reorg_incident"`)
        await db.query(`DROP INDEX "public"."IDX_154d77274ab0fecd9ab9de5627"`)
    }
}
