module.exports = class Data1795973345729 {
    name = 'Data1795973345729'

    async up(db) {
        await db.query(`CREATE TABLE "network" ("id" character varying NOT NULL, "name" text NOT NULL, "category" text NOT NULL, "categories" text array NOT NULL, "chain" text NOT NULL, "chain_id" integer NOT NULL, "token_symbol" text NOT NULL, "token_address" text, "token_decimals" integer NOT NULL, "fee_asset" text NOT NULL, "fee_asset_decimals" integer NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_8f8264c2d37cbbd8282ee9a3c97" PRIMARY KEY ("id"))`)
        await db.query(`CREATE TABLE "raw_event" ("id" character varying NOT NULL, "network" text NOT NULL, "chain_id" integer NOT NULL, "contract" text NOT NULL, "contract_name" text NOT NULL, "name" text NOT NULL, "topic0" text NOT NULL, "block_number" integer NOT NULL, "block_hash" text NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, "tx_hash" text NOT NULL, "log_index" integer NOT NULL, "args" jsonb NOT NULL, CONSTRAINT "PK_cdc5b87b82a33c827e252b4033e" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_6e416386637a7aee9b6f38f465" ON "raw_event" ("contract") `)
        await db.query(`CREATE INDEX "IDX_efc9b3eea27668e2b68be4032f" ON "raw_event" ("name") `)
        await db.query(`CREATE INDEX "IDX_47746ed3942bbb46dcf0c72f8e" ON "raw_event" ("timestamp") `)
        await db.query(`CREATE INDEX "IDX_1c65b1077b6387f0f604f0f4cc" ON "raw_event" ("network", "block_number") `)
        await db.query(`CREATE TABLE "economic_fact" ("id" character varying NOT NULL, "network" text NOT NULL, "category" text NOT NULL, "kind" character varying(17) NOT NULL, "asset" text NOT NULL, "amount" numeric NOT NULL, "decimals" integer NOT NULL, "actor" text, "counterparty" text, "subject" text, "unit" text, "chain_id" integer NOT NULL, "block_number" integer NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, "tx_hash" text NOT NULL, "log_index" integer NOT NULL, "raw_event" text NOT NULL, "provenance" text NOT NULL, CONSTRAINT "PK_cc1c3d30a0c3aa0fcaa304f24d8" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_15a5a2b9d6dc77a7358a1edfa0" ON "economic_fact" ("actor") `)
        await db.query(`CREATE INDEX "IDX_b6bab1a783dc9da7f519ab10cd" ON "economic_fact" ("network", "kind", "timestamp") `)
        await db.query(`CREATE TABLE "price_point" ("id" character varying NOT NULL, "asset" text NOT NULL, "quote" text NOT NULL, "answer" numeric NOT NULL, "decimals" integer NOT NULL, "price" numeric NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, "chain_id" integer NOT NULL, "block_number" integer NOT NULL, "tx_hash" text NOT NULL, "log_index" integer NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_f84710cb555b9b26532f7ae31ed" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_dcff1d6a6529e650fe0019dfe5" ON "price_point" ("asset", "timestamp") `)
        await db.query(`CREATE TABLE "network_stat" ("id" character varying NOT NULL, "network" text NOT NULL, "category" text NOT NULL, "interval" text NOT NULL, "period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "fees_native" numeric NOT NULL, "fees_usd" numeric NOT NULL, "fees_unpriced_native" numeric NOT NULL, "fee_count" integer NOT NULL, "fees_settled_native" numeric NOT NULL, "rewards_native" numeric NOT NULL, "reward_count" integer NOT NULL, "protocol_take_native" numeric NOT NULL, "minted_native" numeric NOT NULL, "burned_native" numeric NOT NULL, "bonded_native" numeric NOT NULL, "unbonded_native" numeric NOT NULL, "fees_refunded_native" numeric NOT NULL, "nodes_registered" integer NOT NULL, "nodes_deregistered" integer NOT NULL, "capacity_added" numeric NOT NULL, "capacity_removed" numeric NOT NULL, "leases_opened" integer NOT NULL, "leases_closed" integer NOT NULL, "event_count" integer NOT NULL, "last_block" integer NOT NULL, CONSTRAINT "PK_9b3feadab69d41412dd18e37905" PRIMARY KEY ("id"))`)
        await db.query(`CREATE UNIQUE INDEX "IDX_a259e429357db0be96c5d9c7b6" ON "network_stat" ("network", "interval", "period_start") `)
        await db.query(`CREATE TABLE "network_state" ("id" character varying NOT NULL, "network" text NOT NULL, "key" text NOT NULL, "value" jsonb NOT NULL, CONSTRAINT "PK_ac5eeb938f94534dba10bc20a97" PRIMARY KEY ("id"))`)
        await db.query(`CREATE TABLE "token_price" ("id" character varying NOT NULL, "asset" text NOT NULL, "interval" text NOT NULL, "period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "price" numeric NOT NULL, "market_cap" numeric, "volume" numeric, "source" text NOT NULL, CONSTRAINT "PK_dcc681716689f0d6311c0498c61" PRIMARY KEY ("id"))`)
        await db.query(`CREATE UNIQUE INDEX "IDX_f0abcd487f06da5e997679c9ff" ON "token_price" ("asset", "interval", "period_start") `)
        await db.query(`CREATE TABLE "chain_cursor" ("id" character varying NOT NULL, "chain" text NOT NULL, "height" integer NOT NULL, "hash" text NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c0913a9c70b0e2e68533392915b" PRIMARY KEY ("id"))`)
        await db.query(`CREATE TABLE "quarantined_log" ("id" character varying NOT NULL, "network" text NOT NULL, "chain_id" integer NOT NULL, "address" text NOT NULL, "topics" text array NOT NULL, "data" text NOT NULL, "block_number" integer NOT NULL, "block_hash" text NOT NULL, "tx_hash" text NOT NULL, "log_index" integer NOT NULL, "reason" text NOT NULL, CONSTRAINT "PK_564ec41054a56168f9bb4e87465" PRIMARY KEY ("id"))`)
    }

    async down(db) {
        await db.query(`DROP TABLE "network"`)
        await db.query(`DROP TABLE "raw_event"`)
        await db.query(`DROP INDEX "public"."IDX_6e416386637a7aee9b6f38f465"`)
        await db.query(`DROP INDEX "public"."IDX_efc9b3eea27668e2b68be4032f"`)
        await db.query(`DROP INDEX "public"."IDX_47746ed3942bbb46dcf0c72f8e"`)
        await db.query(`DROP INDEX "public"."IDX_1c65b1077b6387f0f604f0f4cc"`)
        await db.query(`DROP TABLE "economic_fact"`)
        await db.query(`DROP INDEX "public"."IDX_15a5a2b9d6dc77a7358a1edfa0"`)
        await db.query(`DROP INDEX "public"."IDX_b6bab1a783dc9da7f519ab10cd"`)
        await db.query(`DROP TABLE "price_point"`)
        await db.query(`DROP INDEX "public"."IDX_dcff1d6a6529e650fe0019dfe5"`)
        await db.query(`DROP TABLE "network_stat"`)
        await db.query(`DROP INDEX "public"."IDX_a259e429357db0be96c5d9c7b6"`)
        await db.query(`DROP TABLE "network_state"`)
        await db.query(`DROP TABLE "token_price"`)
        await db.query(`DROP INDEX "public"."IDX_f0abcd487f06da5e997679c9ff"`)
        await db.query(`DROP TABLE "chain_cursor"`)
        await db.query(`DROP TABLE "quarantined_log"`)
    }
}
