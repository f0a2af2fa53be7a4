/** The overview page: headline cards across networks, daily fees by category, and the sortable network table. */
import { lazy, Suspense, useState } from 'react'
import { fetchOverview, WINDOW_DAYS } from '../api'
import { compact, dayLabel, usd } from '../format'
import { useMediaQuery, usePolling, usePrefersDark } from '../hooks'
import { deriveOverview, sortRows, type NetworkRow, type OverviewView, type SortKey } from '../overview'
import { Link, networkPath } from '../router'
import { darkTheme, lightTheme } from '../theme'
import { MetricCard } from './Cards'
import { ChartSkeleton, ErrorState, LoadingState, StaleBanner } from './States'
import { Freshness } from './Freshness'

export const OVERVIEW_POLL_MS = 15_000

const OverviewFeesChart = lazy(() => import('./Charts').then((m) => ({ default: m.OverviewFeesChart })))

const ratioText = (r: number | null) => (r == null ? '–' : r >= 100 ? `${compact(r)}×` : `${r.toFixed(r < 0.1 ? 3 : 2)}×`)

function OverviewCards({ v }: { v: OverviewView }) {
  const t = v.totals
  const n = v.rows.length
  return (
    <div className="cards ov-cards">
      <MetricCard
        label="Market cap"
        testId="ov-card-mcap"
        value={t.marketCap}
        display={usd(t.marketCap)}
        accent="var(--c-fees)"
        sub={<>latest day · {t.marketCapNetworks} of {n} networks with a price</>}
      />
      <MetricCard label={`Fees (USD, ${WINDOW_DAYS}d)`} testId="ov-card-fees" value={t.feesUsd} display={usd(t.feesUsd)} accent="var(--c-usd)" sub={<>paid by users across {n} networks</>} />
      <MetricCard
        label={`Incentives (USD, ${WINDOW_DAYS}d)`}
        testId="ov-card-incentives"
        value={t.incentivesUsd}
        display={usd(t.incentivesUsd)}
        accent="var(--c-rewards)"
        sub={<>token rewards emitted to providers</>}
      />
      <MetricCard
        label="Demand / rewards"
        testId="ov-card-ratio"
        value={t.ratio}
        display={ratioText(t.ratio)}
        accent="var(--brand)"
        sub={<>fees ÷ incentives over {WINDOW_DAYS} days</>}
      />
    </div>
  )
}

interface Column {
  key: SortKey
  label: string
  title?: string
  num?: boolean
  value: (r: NetworkRow) => number | null
  show: (r: NetworkRow) => React.ReactNode
}

const price = (n: number) => (n < 1 ? `$${n.toPrecision(3)}` : usd(n))
const opt = (n: number | null, f: (n: number) => string) => (n == null ? '–' : f(n))

const COLUMNS: Column[] = [
  { key: 'price', label: 'Price', num: true, value: (r) => r.price, show: (r) => opt(r.price, price) },
  { key: 'marketCap', label: 'Market cap', num: true, value: (r) => r.marketCap, show: (r) => opt(r.marketCap, usd) },
  { key: 'fdv', label: 'FDV', num: true, value: (r) => r.fdv, show: (r) => opt(r.fdv, usd) },
  { key: 'fees30dUsd', label: `Fees ${WINDOW_DAYS}d`, num: true, value: (r) => r.fees30dUsd, show: (r) => opt(r.fees30dUsd, usd) },
  { key: 'annualizedFeesUsd', label: 'Fees ann.', title: 'Annualized fees: trailing 30-day fees × 365/30', num: true, value: (r) => r.annualizedFeesUsd, show: (r) => opt(r.annualizedFeesUsd, usd) },
  { key: 'pf', label: 'P/F', title: 'Price to fees: market cap ÷ annualized fees', num: true, value: (r) => r.pf, show: (r) => opt(r.pf, (n) => `${compact(n)}×`) },
  { key: 'demandRewards30d', label: 'D/R 30d', title: 'Demand/rewards: trailing 30-day fees ÷ incentives', num: true, value: (r) => r.demandRewards30d, show: (r) => ratioText(r.demandRewards30d) },
]

function SortHeader({ k, label, title, num, sort, onSort }: { k: SortKey; label: string; title?: string; num?: boolean; sort: { key: SortKey; dir: 'asc' | 'desc' }; onSort: (k: SortKey) => void }) {
  const active = sort.key === k
  return (
    <th scope="col" className={num ? 'num' : undefined} title={title} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className={`sort ${active ? 'sort-active' : ''}`} data-sort={k} onClick={() => onSort(k)}>
        {label}
        <span className="sort-arrow" aria-hidden="true">{active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  )
}

function NetworkTable({ rows }: { rows: NetworkRow[] }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'fees30dUsd', dir: 'desc' })
  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' || key === 'category' || key === 'chain' ? 'asc' : 'desc' }))
  const sorted = sortRows(rows, sort.key, sort.dir)
  return (
    <section className="card panel" aria-labelledby="ov-table-title">
      <header className="panel-head">
        <div>
          <h2 className="panel-title" id="ov-table-title">Networks</h2>
          <p className="panel-summary">Latest day's price and valuation; fees summed over the last {WINDOW_DAYS} days. Click a header to sort.</p>
        </div>
      </header>
      <div className="table-wrap table-wrap-flat">
        <table className="data-table ov-table" data-testid="ov-table">
          <caption className="sr-only">Networks, sortable by column</caption>
          <thead>
            <tr>
              <SortHeader k="name" label="Network" sort={sort} onSort={onSort} />
              <SortHeader k="category" label="Category" sort={sort} onSort={onSort} />
              <SortHeader k="chain" label="Chain" sort={sort} onSort={onSort} />
              {COLUMNS.map((c) => (
                <SortHeader key={c.key} k={c.key} label={c.label} title={c.title} num={c.num} sort={sort} onSort={onSort} />
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id} data-network={r.id}>
                <th scope="row" data-col="name" data-value={r.name}>
                  <Link href={networkPath(r.id)} className="net-link">
                    {r.name}
                  </Link>
                </th>
                <td data-col="category" data-value={r.categoryId}>
                  <span className="chip" style={{ '--chip': r.categoryColor } as React.CSSProperties}>
                    <i aria-hidden="true" />
                    {r.categoryName}
                  </span>
                </td>
                <td data-col="chain" data-value={r.chain}>{r.chain}</td>
                {COLUMNS.map((c) => {
                  const v = c.value(r)
                  return (
                    <td key={c.key} className="num" data-col={c.key} data-value={v == null ? '' : String(v)} title={v == null ? 'no price known' : undefined}>
                      {c.show(r)}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="panel-foot">
        – means not known (no price, or fewer than {WINDOW_DAYS} days of history for the trailing figures); unknown values are skipped in sums. D/R: demand/rewards, fees ÷ incentives.
      </p>
    </section>
  )
}

function OverviewBody({ v }: { v: OverviewView }) {
  const dark = usePrefersDark()
  const small = useMediaQuery('(max-width: 640px)')
  const theme = dark ? darkTheme : lightTheme
  return (
    <>
      <OverviewCards v={v} />
      <section className="card panel" aria-labelledby="ov-fees-title">
        <header className="panel-head">
          <div>
            <h2 className="panel-title" id="ov-fees-title">Fees per day by category</h2>
            <p className="panel-summary">
              USD paid by users, stacked by each network's primary category: {usd(v.totals.feesUsd)} over {v.feesByDay.length} days
            </p>
          </div>
        </header>
        <div className="chart" data-testid="ov-chart-fees" role="img" aria-label={`Stacked bar chart of daily fees in USD by category, ${v.feesByDay.length} days.`}>
          {v.feesByDay.length === 0 ? (
            <p className="chart-empty">No priced fees in the window yet.</p>
          ) : (
            <Suspense fallback={<ChartSkeleton />}>
              <OverviewFeesChart rows={v.feesByDay} categories={v.categories} theme={theme} height={small ? 230 : 290} />
            </Suspense>
          )}
        </div>
        <p className="panel-foot">Days without a known price for a network leave that network out of the day's bar.</p>
      </section>
      <NetworkTable rows={v.rows} />
    </>
  )
}

export function OverviewPage() {
  const { data, error, fetchedAt, loading, retry } = usePolling(fetchOverview, OVERVIEW_POLL_MS, 'overview')
  const v = data ? deriveOverview(data) : undefined
  return (
    <>
      <section className="hero">
        <div>
          <h1>DePIN overview</h1>
          <div className="hero-meta">
            {v && <span className="chip chip-plain">{v.rows.length} networks · {v.status.length} chains</span>}
            {v?.range && (
              <span className="hero-range">
                Last {WINDOW_DAYS} days · {dayLabel(v.range[0])} – {dayLabel(v.range[1])} (UTC)
              </span>
            )}
          </div>
        </div>
        <Freshness fetchedAt={fetchedAt} error={error} />
      </section>
      {v && error && <StaleBanner error={error} fetchedAt={fetchedAt} every="15 s" />}
      {v ? <OverviewBody v={v} /> : error ? <ErrorState error={error} onRetry={retry} every="15 seconds" /> : loading ? <LoadingState /> : null}
    </>
  )
}
