module.exports = class Data1796041544967 {
    name = 'Data1796041544967'

    async up(db) {
        await db.query(`ALTER TABLE "network_stat" ADD "fees_provenance" text`)
        await db.query(`ALTER TABLE "network_stat" ADD "rewards_provenance" text`)
        // backfill from the stored facts: the provenance of each hour's and day's fees and rewards
        for (const [column, kind] of [['fees_provenance', 'FEE_PAID'], ['rewards_provenance', 'REWARD_EMITTED']]) {
            for (const [interval, unit] of [['HOUR', 'hour'], ['DAY', 'day']]) {
                await db.query(`
                    UPDATE "network_stat" s SET "${column}" = x.p
                      FROM (SELECT network, date_trunc('${unit}', "timestamp" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS t,
                                   CASE WHEN count(DISTINCT provenance) > 1 THEN 'mixed' ELSE min(provenance) END AS p
                              FROM "economic_fact" WHERE kind = '${kind}' GROUP BY 1, 2) x
                     WHERE s.network = x.network AND s.interval = '${interval}' AND s.period_start = x.t`)
            }
        }
    }

    async down(db) {
        await db.query(`ALTER TABLE "network_stat" DROP COLUMN "fees_provenance"`)
        await db.query(`ALTER TABLE "network_stat" DROP COLUMN "rewards_provenance"`)
    }
}
