import { Suspense, useEffect, useSyncExternalStore } from 'react'
import { knownNetworks, subscribeNetworks } from './api'
import { dataPageChunk, lazyChunk, marketPageChunk, networkPageChunk } from './chunks'
import { LoadingState } from './components/States'
import { Link, networkPath, parseRoute, usePath, useSearch, type Route } from './router'
import { setTheme, useThemeName } from './theme'
import { carryQuery, dataQuery } from './viewstate'

// one chunk per page; the charting library is a chunk of its own, shared by the pages (the entry starts loading
// the opening page's chunks, main.tsx)
const MarketPage = lazyChunk(marketPageChunk, (m) => m.MarketPage)
const NetworkPage = lazyChunk(networkPageChunk, (m) => m.NetworkPage)
const DataPage = lazyChunk(dataPageChunk, (m) => m.DataPage)

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="2" y="12" width="5" height="10" rx="1.2" />
      <rect x="9.5" y="6" width="5" height="16" rx="1.2" />
      <rect x="17" y="2" width="5" height="20" rx="1.2" />
    </svg>
  )
}

function ThemeToggle() {
  const theme = useThemeName()
  const next = theme === 'dark' ? 'light' : 'dark'
  return (
    <button type="button" className="icon-btn" data-testid="theme-toggle" aria-label={`Switch to the ${next} theme`} title={`Switch to the ${next} theme`} onClick={() => setTheme(next)}>
      {theme === 'dark' ? (
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <circle cx="10" cy="10" r="3.6" fill="currentColor" />
          <path d="M10 1.5v2.2M10 16.3v2.2M1.5 10h2.2M16.3 10h2.2M4 4l1.5 1.5M14.5 14.5 16 16M4 16l1.5-1.5M14.5 5.5 16 4" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      ) : (
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <path d="M16.5 12.6A7 7 0 0 1 7.4 3.5a7 7 0 1 0 9.1 9.1Z" fill="currentColor" />
        </svg>
      )}
    </button>
  )
}

function TopBar({ route }: { route: Route }) {
  const networks = useSyncExternalStore(subscribeNetworks, knownNetworks)
  const search = useSearch()
  const carry = carryQuery(search)
  const current = (active: boolean) => (active ? ('page' as const) : undefined)
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link className="brand" href={'/' + carry}>
          <Logo />
          <span>depin-index</span>
        </Link>
        <nav className="topnav" aria-label="API">
          <a href="/graphql" target="_blank" rel="noopener">
            GraphQL
            <svg viewBox="0 0 12 12" width="11" height="11" aria-hidden="true">
              <path d="M4.5 2.5h5v5M9.5 2.5 3 9" fill="none" stroke="currentColor" strokeWidth="1.4" />
            </svg>
          </a>
          <ThemeToggle />
        </nav>
      </div>
      <nav className="tabs" aria-label="Pages" data-testid="nav">
        <div className="tabs-inner">
          <Link href={'/' + carry} aria-current={current(route.page === 'overview')} data-nav="overview">
            Overview
          </Link>
          {networks.map((n) => (
            <Link key={n.id} href={networkPath(n.id) + carry} aria-current={current(route.page === 'network' && route.id === n.id)} data-nav={n.id}>
              {n.name}
            </Link>
          ))}
          <Link href={'/data' + dataQuery(search, route)} aria-current={current(route.page === 'data')} data-nav="data">
            Data
          </Link>
        </div>
      </nav>
    </header>
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
  if (route.page === 'data') return 'Data · depin-index'
  if (route.page === 'category') return `${route.id} · Category · depin-index`
  if (route.page === 'network') return `${knownNetworks().find((n) => n.id === route.id)?.name ?? route.id} · depin-index`
  return 'Not found · depin-index'
}

export function App() {
  const path = usePath()
  const route = parseRoute(path)
  const networks = useSyncExternalStore(subscribeNetworks, knownNetworks)
  useEffect(() => {
    // when React's first render was committed (the e2e tests check that the first request left before it)
    performance.mark('app:first-render')
  }, [])
  useEffect(() => {
    document.title = titleOf(route)
  }, [path, networks]) // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <TopBar route={route} />
      <main className="page" id="main">
        <Suspense fallback={<LoadingState />}>
          {route.page === 'overview' ? (
            <MarketPage />
          ) : route.page === 'category' ? (
            <MarketPage key={route.id} category={route.id} />
          ) : route.page === 'network' ? (
            <NetworkPage key={route.id} id={route.id} />
          ) : route.page === 'data' ? (
            <DataPage />
          ) : (
            <NotFound path={route.path} />
          )}
        </Suspense>
        <footer className="foot">
          depin-index · indexed from on-chain data · days in UTC · <Link href="/data">data &amp; API</Link>
        </footer>
      </main>
    </>
  )
}
