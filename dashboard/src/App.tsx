import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react'
import { knownNetworks, subscribeNetworks, WINDOW_DAYS } from './api'
import { MetricCards, StatusCard } from './components/Cards'
import { Freshness } from './components/Freshness'
import { NetworkPage } from './components/NetworkPage'
import { OverviewPage } from './components/Overview'
import { ChartPanel } from './components/Panel'
import { ChartSkeleton, EmptyState, ErrorState, LoadingState, StaleBanner } from './components/States'
import { FeesTable, RewardsTable } from './components/Tables'
import { dayLabel, token, usd } from './format'
import { useDashboardData, useMediaQuery, usePrefersDark } from './hooks'
import { deriveView, type View } from './model'
import { Link, networkPath, parseRoute, usePath, type Route } from './router'
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

function TopBar({ route }: { route: Route }) {
  const networks = useSyncExternalStore(subscribeNetworks, knownNetworks)
  const current = (active: boolean) => (active ? ('page' as const) : undefined)
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link className="brand" href="/">
          <Logo />
          <span>depin-index</span>
        </Link>
        <nav className="topnav" aria-label="API">
          <a href="/graphql" target="_blank" rel="noopener">
            GraphQL API
            <svg viewBox="0 0 12 12" width="11" height="11" aria-hidden="true">
              <path d="M4.5 2.5h5v5M9.5 2.5 3 9" fill="none" stroke="currentColor" strokeWidth="1.4" />
            </svg>
          </a>
        </nav>
      </div>
      <nav className="tabs" aria-label="Pages" data-testid="nav">
        <div className="tabs-inner">
          <Link href="/" aria-current={current(route.page === 'overview')} data-nav="overview">
            Overview
          </Link>
          {networks.map((n) => (
            <Link key={n.id} href={networkPath(n.id)} aria-current={current(route.page === 'network' && route.id === n.id)} data-nav={n.id}>
              {n.name}
            </Link>
          ))}
        </div>
      </nav>
    </header>
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

/** The Livepeer page (fees in ETH/USD, rewards in LPT, indexer status), from `networkStats`. */
function LivepeerPage() {
  const { data, error, fetchedAt, loading, retry } = useDashboardData()
  const view = data ? deriveView(data) : undefined
  return (
    <>
      <NetworkHeader view={view} fetchedAt={fetchedAt} error={error} />
      {view && error && <StaleBanner error={error} fetchedAt={fetchedAt} />}
      {view ? (
        <Dashboard view={view} fetchedAt={fetchedAt} />
      ) : error ? (
        <ErrorState error={error} onRetry={retry} />
      ) : loading ? (
        <LoadingState />
      ) : null}
    </>
  )
}

function NotFound({ path }: { path: string }) {
  return (
    <div className="card state" data-testid="not-found">
      <h2>Page not found</h2>
      <p>
        Nothing lives at <code>{path}</code>. <Link href="/">Back to the overview</Link>
      </p>
    </div>
  )
}

function titleOf(route: Route): string {
  if (route.page === 'overview') return 'Overview · depin-index'
  if (route.page === 'network') return `${knownNetworks().find((n) => n.id === route.id)?.name ?? route.id} · depin-index`
  return 'Not found · depin-index'
}

export function App() {
  const path = usePath()
  const route = parseRoute(path)
  const networks = useSyncExternalStore(subscribeNetworks, knownNetworks)
  useEffect(() => {
    document.title = titleOf(route)
  }, [path, networks]) // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <TopBar route={route} />
      <main className="page">
        {route.page === 'overview' ? (
          <OverviewPage />
        ) : route.page === 'network' ? (
          route.id === 'livepeer' ? <LivepeerPage /> : <NetworkPage key={route.id} id={route.id} />
        ) : (
          <NotFound path={route.path} />
        )}
        <footer className="foot">
          depin-index · indexed from on-chain data · days in UTC ·{' '}
          <a href="/graphql" target="_blank" rel="noopener">query it with GraphQL</a>
        </footer>
      </main>
    </>
  )
}
