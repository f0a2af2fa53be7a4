import { lazy, Suspense } from 'react'
import { WINDOW_DAYS } from './api'
import { MetricCards, StatusCard } from './components/Cards'
import { ChartPanel } from './components/Panel'
import { ChartSkeleton, EmptyState, ErrorState, LoadingState, StaleBanner } from './components/States'
import { FeesTable, RewardsTable } from './components/Tables'
import { dayLabel, duration, token, usd } from './format'
import { useDashboardData, useMediaQuery, useNow, usePrefersDark } from './hooks'
import { deriveView, type View } from './model'
import { darkTheme, lightTheme } from './theme'

const charts = () => import('./components/Charts')
// start downloading the charting chunk right away, in parallel with the first API request
void charts()
const FeesChart = lazy(() => charts().then((m) => ({ default: m.FeesChart })))
const RewardsChart = lazy(() => charts().then((m) => ({ default: m.RewardsChart })))

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="2" y="12" width="5" height="10" rx="1.2" />
      <rect x="9.5" y="6" width="5" height="16" rx="1.2" />
      <rect x="17" y="2" width="5" height="20" rx="1.2" />
    </svg>
  )
}

function TopBar() {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <a className="brand" href="/">
          <Logo />
          <span>depin-index</span>
        </a>
        <nav className="topnav">
          <a href="/graphql" target="_blank" rel="noopener">
            GraphQL API
            <svg viewBox="0 0 12 12" width="11" height="11" aria-hidden="true">
              <path d="M4.5 2.5h5v5M9.5 2.5 3 9" fill="none" stroke="currentColor" strokeWidth="1.4" />
            </svg>
          </a>
        </nav>
      </div>
    </header>
  )
}

function Freshness({ fetchedAt, error }: { fetchedAt?: number; error?: Error }) {
  const now = useNow(1000)
  if (!fetchedAt) return null
  return (
    <span className={`live ${error ? 'live-stale' : ''}`} title={`Last refresh ${new Date(fetchedAt).toLocaleTimeString()}`}>
      <i aria-hidden="true" />
      {error ? 'Offline' : 'Live'} · updated {duration(Math.max(0, (now - fetchedAt) / 1000))} ago
    </span>
  )
}

function NetworkHeader({ view, fetchedAt, error }: { view?: View; fetchedAt?: number; error?: Error }) {
  const n = view?.network
  const c = view?.category
  return (
    <section className="hero">
      <div>
        <h1>{n?.name ?? 'Livepeer'}</h1>
        <div className="hero-meta">
          {c && (
            <span className="chip" style={{ '--chip': c.color } as React.CSSProperties}>
              <i aria-hidden="true" />
              {c.name}
            </span>
          )}
          {view?.status && <span className="chip chip-plain">{view.status.name}</span>}
          {n && <span className="chip chip-plain">{n.tokenSymbol} · fees in {n.feeAsset}</span>}
          {view?.range && (
            <span className="hero-range">
              {view.spanDays >= WINDOW_DAYS ? `Last ${WINDOW_DAYS} days` : `${view.spanDays} ${view.spanDays === 1 ? 'day' : 'days'} indexed`} ·{' '}
              {dayLabel(view.range[0])} – {dayLabel(view.range[1])} (UTC)
            </span>
          )}
        </div>
      </div>
      <Freshness fetchedAt={fetchedAt} error={error} />
    </section>
  )
}

function Dashboard({ view, fetchedAt }: { view: View; fetchedAt?: number }) {
  const dark = usePrefersDark()
  const theme = dark ? darkTheme : lightTheme
  const small = useMediaQuery('(max-width: 640px)')
  const feeAsset = view.network?.feeAsset ?? 'ETH'
  const tokenSymbol = view.network?.tokenSymbol ?? 'LPT'
  const { totals, stats, chartRows } = view
  const hasPartial = chartRows.some((r) => r.partial)
  const partialNote = hasPartial ? 'The faded bar is the current UTC day, still in progress.' : undefined
  const height = small ? 230 : 290
  return (
    <>
      <div className="cards">
        <MetricCards totals={totals} feeAsset={feeAsset} token={tokenSymbol} />
        <StatusCard status={view.status} fetchedAt={fetchedAt} />
      </div>
      {stats.length === 0 ? (
        <EmptyState status={view.status} />
      ) : (
        <>
          <ChartPanel
            name="fees"
            title="Fees per day"
            summary={
              <>
                Paid by broadcasters for transcoding and AI jobs (winning tickets): {token(totals.fees, feeAsset)} ≈ {usd(totals.feesUsd)} over {totals.days} days
              </>
            }
            chartLabel={`Bar chart of daily fees in ${feeAsset} with a line of their USD value, ${totals.days} days.`}
            chart={
              <Suspense fallback={<ChartSkeleton />}>
                <FeesChart rows={chartRows} theme={theme} feeAsset={feeAsset} token={tokenSymbol} height={height} />
              </Suspense>
            }
            footnote={<>USD at the last Chainlink {feeAsset}/USD price known at each fee's block. {partialNote}</>}
            table={(id) => <FeesTable id={id} rows={stats} totals={totals} feeAsset={feeAsset} />}
          />
          <ChartPanel
            name="rewards"
            title="Rewards per day"
            summary={
              <>
                {tokenSymbol} inflation credited to orchestrators and delegators: {token(totals.rewards, tokenSymbol)} over {totals.days} days
              </>
            }
            chartLabel={`Bar chart of daily rewards in ${tokenSymbol}, ${totals.days} days.`}
            chart={
              <Suspense fallback={<ChartSkeleton />}>
                <RewardsChart rows={chartRows} theme={theme} feeAsset={feeAsset} token={tokenSymbol} height={height} />
              </Suspense>
            }
            footnote={<>After the treasury cut. {partialNote}</>}
            table={(id) => <RewardsTable id={id} rows={stats} totals={totals} token={tokenSymbol} />}
          />
        </>
      )}
    </>
  )
}

export function App() {
  const { data, error, fetchedAt, loading, retry } = useDashboardData()
  const view = data ? deriveView(data) : undefined
  return (
    <>
      <TopBar />
      <main className="page">
        <NetworkHeader view={view} fetchedAt={fetchedAt} error={error} />
        {view && error && <StaleBanner error={error} fetchedAt={fetchedAt} />}
        {view ? (
          <Dashboard view={view} fetchedAt={fetchedAt} />
        ) : error ? (
          <ErrorState error={error} onRetry={retry} />
        ) : loading ? (
          <LoadingState />
        ) : null}
        <footer className="foot">
          depin-index · on-chain data indexed from {view?.status?.name ?? 'Arbitrum One'} · days in UTC ·{' '}
          <a href="/graphql" target="_blank" rel="noopener">query it with GraphQL</a>
        </footer>
      </main>
    </>
  )
}
