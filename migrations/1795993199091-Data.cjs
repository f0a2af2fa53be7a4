module.exports = class Data1795993199091 {
    name = 'Data1795993199091'

    async up(db) {
        await db.query(`ALTER TABLE "network_stat" ADD "protocol_take_provenance" text`)
        await db.query(`ALTER TABLE "provider_earning_day" ADD "fees_other" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "provider_earning_day" ALTER COLUMN "fees_other" DROP DEFAULT`)
        await db.query(`ALTER TABLE "payer_day" ADD "fees_other" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "payer_day" ALTER COLUMN "fees_other" DROP DEFAULT`)
        // backfill from the stored facts: the take provenance of each hour and day
        for (const [interval, unit] of [['HOUR', 'hour'], ['DAY', 'day']]) {
            await db.query(`
                UPDATE "network_stat" s SET "protocol_take_provenance" = x.p
                  FROM (SELECT network, date_trunc('${unit}', "timestamp" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS t,
                               CASE WHEN count(DISTINCT provenance) > 1 THEN 'mixed' ELSE min(provenance) END AS p
                          FROM "economic_fact" WHERE kind = 'PROTOCOL_TAKE' GROUP BY 1, 2) x
                 WHERE s.network = x.network AND s.interval = '${interval}' AND s.period_start = x.t`)
        }
        // the only network with another fee asset so far (registry otherFeeAssets): Akash's USDC fees per provider and payer
        const usdc = `SELECT network, actor, counterparty, amount, date_trunc('day', "timestamp" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS d
                        FROM "economic_fact" WHERE network = 'akash' AND kind = 'FEE_PAID' AND asset = 'USDC'`
        await db.query(`
            UPDATE "provider_earning_day" p SET "fees_other" = x.s
              FROM (SELECT network || '-' || to_char(d, 'YYYY-MM-DD') || '-' || actor AS id, sum(amount) AS s FROM (${usdc}) f WHERE actor IS NOT NULL GROUP BY 1) x
             WHERE p.id = x.id`)
        await db.query(`
            INSERT INTO "payer_day" (id, network, day, payer, fees_native, fees_other, payments)
            SELECT network || '-' || to_char(d, 'YYYY-MM-DD') || '-' || counterparty, network, d, counterparty, 0, sum(amount), count(*)
              FROM (${usdc}) f WHERE counterparty IS NOT NULL GROUP BY network, d, counterparty
            ON CONFLICT (id) DO UPDATE SET fees_other = EXCLUDED.fees_other, payments = "payer_day".payments + EXCLUDED.payments`)
    }

    async down(db) {
        await db.query(`DELETE FROM "payer_day" WHERE fees_native = 0 AND fees_other > 0`)
        await db.query(`ALTER TABLE "network_stat" DROP COLUMN "protocol_take_provenance"`)
        await db.query(`ALTER TABLE "provider_earning_day" DROP COLUMN "fees_other"`)
        await db.query(`ALTER TABLE "payer_day" DROP COLUMN "fees_other"`)
    }
}
