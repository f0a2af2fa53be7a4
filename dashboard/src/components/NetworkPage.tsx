/** The page of a network other than Livepeer: 30-day cards and daily fees in USD from `networkMetrics`. */
import { lazy, Suspense } from 'react'
import { fetchNetworkPage, WINDOW_DAYS, type LeasedResources, type NetworkPageData } from '../api'
import { dayKey, dayLabel, dayLongLabel, int, usd, usdFull } from '../format'
import { useMediaQuery, usePolling, usePrefersDark } from '../hooks'
import { sumNullable } from '../overview'
import { darkTheme, lightTheme } from '../theme'
import { MetricCard, StatusCard } from './Cards'
import { Freshness } from './Freshness'
import { ChartSkeleton, EmptyState, ErrorState, LoadingState, StaleBanner } from './States'

export const NETWORK_POLL_MS = 15_000

const NetworkFeesChart = lazy(() => import('./Charts').then((m) => ({ default: m.NetworkFeesChart })))

function Body({ data, id, fetchedAt }: { data: NetworkPageData; id: string; fetchedAt?: number }) {
  const dark = usePrefersDark()
  const small = useMediaQuery('(max-width: 640px)')
  const theme = dark ? darkTheme : lightTheme
  const network = data.networks.find((n) => n.id === id)
  const category = data.categories.find((c) => c.id === network?.category)
  const status = data.indexerStatus.find((s) => s.chain === network?.chain)
  const m = data.networkMetrics
  const last = m[m.length - 1]
  const fees = sumNullable(m.map((r) => r.feesUsd))
  const incentives = sumNullable(m.map((r) => r.incentivesUsd))
  const rows = m.map((r) => ({ day: dayKey(r.periodStart), periodStart: r.periodStart, feesUsd: r.feesUsd, fees: r.fees }))
  const color = category?.color ?? theme.fees
  const none = 'no price known'
  return (
    <>
      <div className="cards cards-5">
        <MetricCard label={`Fees (USD, ${WINDOW_DAYS}d)`} testId="net-card-fees" value={fees} display={fees == null ? '–' : usd(fees)} accent="var(--c-usd)" sub={fees == null ? none : <>over {m.length} days</>} />
        <MetricCard
          label={`Incentives (USD, ${WINDOW_DAYS}d)`}
          testId="net-card-incentives"
          value={incentives}
          display={incentives == null ? '–' : usd(incentives)}
          accent="var(--c-rewards)"
          sub={incentives == null ? none : <>{network?.tokenSymbol ?? 'token'} rewards to providers</>}
        />
        <MetricCard
          label="Market cap"
          testId="net-card-mcap"
          value={last?.marketCap ?? null}
          display={last?.marketCap == null ? '–' : usd(last.marketCap)}
          accent="var(--c-fees)"
          sub={last?.price != null ? <>price {last.price < 1 ? `$${last.price.toPrecision(3)}` : usd(last.price)} · FDV {last.fdv == null ? '–' : usd(last.fdv)}</> : none}
        />
        <MetricCard
          label="Active providers"
          testId="net-card-providers"
          value={last?.activeProviders ?? null}
          display={last?.activeProviders == null ? '–' : int(last.activeProviders)}
          accent="var(--brand)"
          sub={last ? <>on {dayLabel(last.periodStart)} (UTC)</> : 'no data yet'}
        />
        <StatusCard status={status} fetchedAt={fetchedAt} />
      </div>
      {data.leasedResources.withResources > 0 && <LeasedCapacity leased={data.leasedResources} />}
      {m.length === 0 ? (
        <EmptyState status={status} what="fee or incentive event" />
      ) : (
        <section className="card panel" aria-labelledby="net-fees-title">
          <header className="panel-head">
            <div>
              <h2 className="panel-title" id="net-fees-title">Fees per day (USD)</h2>
              <p className="panel-summary">
                Paid by users of {network?.name ?? id}: {fees == null ? 'not priced' : usd(fees)} over {m.length} days
              </p>
            </div>
          </header>
          <div className="chart" data-testid="chart-net-fees" role="img" aria-label={`Bar chart of daily fees in USD, ${m.length} days.`}>
            <Suspense fallback={<ChartSkeleton />}>
              <NetworkFeesChart rows={rows} color={color} theme={theme} height={small ? 230 : 290} />
            </Suspense>
          </div>
          <details className="panel-details">
            <summary>Daily values</summary>
            <div className="table-wrap">
              <table className="data-table" data-testid="table-net-fees">
                <thead>
                  <tr>
                    <th scope="col">Day (UTC)</th>
                    <th scope="col" className="num">Fees (USD)</th>
                    <th scope="col" className="num">Incentives (USD)</th>
                    <th scope="col" className="num">Active providers</th>
                  </tr>
                </thead>
                <tbody>
                  {m.map((r) => (
                    <tr key={r.periodStart} data-day={dayKey(r.periodStart)}>
                      <th scope="row">{dayLongLabel(r.periodStart)}</th>
                      <td className="num" data-value={r.feesUsd ?? ''}>{r.feesUsd == null ? '–' : usdFull(r.feesUsd)}</td>
                      <td className="num" data-value={r.incentivesUsd ?? ''}>{r.incentivesUsd == null ? '–' : usdFull(r.incentivesUsd)}</td>
                      <td className="num" data-value={r.activeProviders ?? ''}>{r.activeProviders == null ? '–' : int(r.activeProviders)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>
      )}
    </>
  )
}

const gib = (bytes: string) => `${int(Math.round(Number(bytes) / 2 ** 30))} GiB`

/** Capacity leased now (open leases with known resources): leases, CPU, memory, storage, GPUs by model. */
function LeasedCapacity({ leased }: { leased: LeasedResources }) {
  return (
    <section className="card panel" aria-labelledby="net-leased-title" data-testid="net-leased">
      <header className="panel-head">
        <div>
          <h2 className="panel-title" id="net-leased-title">Leased capacity now</h2>
          <p className="panel-summary">
            <span data-testid="net-leased-leases" data-value={leased.openLeases}>{int(leased.openLeases)}</span> open leases ·{' '}
            <span data-testid="net-leased-gpus" data-value={leased.gpus}>{int(leased.gpus)}</span> GPUs · {int(Math.round(leased.cpu))} CPU cores ·{' '}
            {gib(leased.memoryBytes)} memory · {gib(leased.storageBytes)} storage
          </p>
        </div>
      </header>
      {leased.gpusByModel.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="table-net-gpus">
            <thead>
              <tr>
                <th scope="col">GPU model</th>
                <th scope="col" className="num">GPUs leased</th>
                <th scope="col" className="num">Leases</th>
              </tr>
            </thead>
            <tbody>
              {leased.gpusByModel.map((g) => (
                <tr key={g.model} data-model={g.model}>
                  <th scope="row">{g.model}</th>
                  <td className="num" data-value={g.gpus}>{int(g.gpus)}</td>
                  <td className="num" data-value={g.leases}>{int(g.leases)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

export function NetworkPage({ id }: { id: string }) {
  const { data, error, fetchedAt, loading, retry } = usePolling(() => fetchNetworkPage(id), NETWORK_POLL_MS, `network:${id}`)
  const network = data?.networks.find((n) => n.id === id)
  const category = data?.categories.find((c) => c.id === network?.category)
  const status = data?.indexerStatus.find((s) => s.chain === network?.chain)
  const m = data?.networkMetrics ?? []
  return (
    <>
      <section className="hero">
        <div>
          <h1>{network?.name ?? id}</h1>
          <div className="hero-meta">
            {category && (
              <span className="chip" style={{ '--chip': category.color } as React.CSSProperties}>
                <i aria-hidden="true" />
                {category.name}
              </span>
            )}
            {status && <span className="chip chip-plain">{status.name}</span>}
            {network && <span className="chip chip-plain">{network.tokenSymbol} · fees in {network.feeAsset}</span>}
            {m.length > 0 && (
              <span className="hero-range">
                {m.length >= WINDOW_DAYS ? `Last ${WINDOW_DAYS} days` : `${m.length} days indexed`} · {dayLabel(m[0].periodStart)} – {dayLabel(m[m.length - 1].periodStart)} (UTC)
              </span>
            )}
          </div>
        </div>
        <Freshness fetchedAt={fetchedAt} error={error} />
      </section>
      {data && error && <StaleBanner error={error} fetchedAt={fetchedAt} every="15 s" />}
      {data ? (
        <Body data={data} id={id} fetchedAt={fetchedAt} />
      ) : error ? (
        <ErrorState error={error} onRetry={retry} every="15 seconds" />
      ) : loading ? (
        <LoadingState />
      ) : null}
    </>
  )
}
