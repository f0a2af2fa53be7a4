module.exports = class Data1796040571705 {
    name = 'Data1796040571705'

    async up(db) {
        await db.query(`ALTER TABLE "provider_earning_day" ADD "take_native" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "provider_earning_day" ALTER COLUMN "take_native" DROP DEFAULT`)
        await db.query(`ALTER TABLE "provider_earning_day" ADD "take_other" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "provider_earning_day" ALTER COLUMN "take_other" DROP DEFAULT`)
        // backfill from the stored facts: Akash's take on each fee (PROTOCOL_TAKE of the FEE_PAID's raw event and subject),
        // AKT as the fee asset, USDC and ACT as the other fee assets (registry otherFeeAssets)
        await db.query(`
            UPDATE "provider_earning_day" p SET "take_native" = x.n, "take_other" = x.o
              FROM (SELECT t.network || '-' || to_char(date_trunc('day', t."timestamp" AT TIME ZONE 'UTC'), 'YYYY-MM-DD') || '-' || f.actor AS id,
                           coalesce(sum(t.amount) FILTER (WHERE t.asset = 'AKT'), 0) AS n, coalesce(sum(t.amount) FILTER (WHERE t.asset IN ('USDC', 'ACT')), 0) AS o
                      FROM "economic_fact" t
                      JOIN "economic_fact" f ON f.raw_event = t.raw_event AND f.subject = t.subject AND f.kind = 'FEE_PAID' AND f.actor IS NOT NULL
                     WHERE t.network = 'akash' AND t.kind = 'PROTOCOL_TAKE' GROUP BY 1) x
             WHERE p.id = x.id`)
    }

    async down(db) {
        await db.query(`ALTER TABLE "provider_earning_day" DROP COLUMN "take_native"`)
        await db.query(`ALTER TABLE "provider_earning_day" DROP COLUMN "take_other"`)
    }
}
