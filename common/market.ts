/**
 * The shapes of a market view's answer (`marketSeries`), shared by the API (api/market-series.ts, times as Date) and
 * the dashboard (dashboard/src/api.ts, times as the ISO strings GraphQL sends).
 */

/** Levels of a network on a day (its latest daily row at or before it). */
export interface MarketLevels<Time> {
  periodStart: Time
  price: number | null
  marketCap: number | null
  fdv: number | null
  annualizedFeesUsd: number | null
  pf: number | null
  demandRewardsRatio30d: number | null
  capacity: number
  capacityUnit: string | null
}

/** Per-bucket columns of a network, aligned with the answer's periods (flows summed, levels at the bucket's last day). */
export interface MarketColumns {
  marketCap: (number | null)[]
  feesUsd: (number | null)[]
  incentivesUsd: (number | null)[]
  capacity: (number | null)[]
  activeLeases: (number | null)[]
  utilization: (number | null)[]
}

/** One network of a market view: window sums, levels at the window's and the previous period's end, columns. */
export interface MarketSeriesNetwork<Time> {
  network: string
  latest: MarketLevels<Time> | null
  previous: MarketLevels<Time> | null
  feesUsd: number | null
  incentivesUsd: number | null
  previousFeesUsd: number | null
  previousIncentivesUsd: number | null
  series: MarketColumns
}
