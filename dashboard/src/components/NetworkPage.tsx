/**
 * A network's page (`/network/:id`), for its team and researchers: fees in the fee asset and USD, rewards,
 * fees vs incentives, supply, providers, leases and capacity, and the indexer's health. One request per poll.
 */
import { Suspense, useMemo, useState } from 'react'
import { type ChainStatus, type NetworkData, type LeasedResources, type Payers, type ProviderRow } from '../api'
import { SERIES } from '../colors'
import { chartsChunk, lazyChunk } from '../chunks'
import { exportLinks } from '../exports'
import { DAY_MS } from '../series'
import { capacityUnitLabel, capacityValue, compact, dayKey, isByteUnit, dayLabel, duration, int, price, ratio, usd, usdFull } from '../format'
import { useMediaQuery, useNow, usePolling, useShared } from '../hooks'
import { deriveNetwork, type NetworkView } from '../model'
import { categoryPath, Link, useSearch } from '../router'
import { useChartTheme } from '../theme'
import { carryQuery, parseViewState, RANGES, type ViewState } from '../viewstate'
import { MetricCard, MetricCards, StatusCard } from './Cards'
import type { SeriesDef } from './Charts'
import { PageHero, PollView, RangeLabel } from './Page'
import { ChartPanel, SeriesLegend, SeriesPanel } from './Panel'
import { Deferred, PaintOrder } from './PaintOrder'
import { ChartSkeleton, EmptyState, SectionPlaceholder } from './States'
import { FeesTable, RewardsTable } from './Tables'
import { Toolbar } from './Toolbar'
import { networkView } from '../views'

export const NETWORK_POLL_MS = 5000

const FeesChart = lazyChunk(chartsChunk, (m) => m.MemoFeesChart)
const RewardsChart = lazyChunk(chartsChunk, (m) => m.MemoRewardsChart)

const chg = (a: number | null, b: number | null) => (a == null || b == null || b === 0 ? null : (a - b) / Math.abs(b))
const tokens = (sym: string) => (n: number) => `${compact(n)} ${sym}`
const tokensFull = (sym: string) => (n: number) => `${n.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${sym}`
const count = (n: number) => int(n)
/** A section rendered after the headline chart, in its turn (PaintOrder). */
const later = (name: string, node: React.ReactNode, table?: boolean) => <Deferred placeholder={<SectionPlaceholder name={name} table={table} />}>{node}</Deferred>

function NativeCharts({ v, view }: { v: NetworkView; view: ViewState }) {
  const theme = useChartTheme()
  const small = useMediaQuery('(max-width: 640px)')
  const feeAsset = v.network?.feeAsset ?? '?'
  const tokenSymbol = v.network?.tokenSymbol ?? '?'
  const { totals, chartRows } = v
  const hasPartial = chartRows.some((r) => r.partial)
  const per = v.interval
  const partialNote = hasPartial ? `The faded bar is the current UTC ${per}, still in progress.` : undefined
  const height = small ? 230 : 290
  const filter = { networks: v.network ? [v.network.id] : undefined, from: dayKey(new Date(v.window.from).toISOString()), to: dayKey(new Date(v.window.to + DAY_MS).toISOString()) }
  // the legends are the panels' buttons (SeriesLegend: keyboard-usable), not Recharts' own
  const [hiddenFees, setHiddenFees] = useState<string[]>([])
  const [hiddenRewards, setHiddenRewards] = useState<string[]>([])
  const toggle = (set: React.Dispatch<React.SetStateAction<string[]>>) => (k: string) => set((h) => (h.includes(k) ? h.filter((x) => x !== k) : [...h, k]))
  const feesSeries: SeriesDef[] = [
    { key: 'fees', name: `Fees (${feeAsset})`, color: theme.fees, kind: 'bar' },
    { key: 'feesUsd', name: 'Fees (USD)', color: theme.usd, kind: 'line', axis: 'right' },
  ]
  const rewardsSeries: SeriesDef[] = [{ key: 'rewards', name: `Rewards (${tokenSymbol})`, color: theme.rewards, kind: 'bar' }]
  return (
    <div className="grid-2">
      <ChartPanel
        headline
        name="fees"
        title={`Fees per ${per}`}
        summary={<>Paid by users: {tokens(feeAsset)(totals.fees)} ≈ {totals.feesUsd == null ? '– (no price known)' : usd(totals.feesUsd)} over {v.window.span} days</>}
        chartLabel={`Bar chart of fees per ${per} in ${feeAsset} with a line of their USD value, ${v.window.span} days. The table toggle shows the numbers.`}
        chart={
          <Suspense fallback={<ChartSkeleton />}>
            <FeesChart rows={chartRows} theme={theme} feeAsset={feeAsset} token={tokenSymbol} height={height} interval={per} hidden={hiddenFees} />
          </Suspense>
        }
        legend={<SeriesLegend series={feesSeries} hidden={hiddenFees} onToggle={toggle(setHiddenFees)} />}
        exports={exportLinks('daily_metrics', filter)}
        footnote={<>USD net of refunds: at the {feeAsset}/USD price of an on-chain feed at each fee's block, else at the day's imported price; no line where no price is known. {partialNote}</>}
        table={(id) => <FeesTable id={id} rows={chartRows} totals={totals} feeAsset={feeAsset} interval={per} />}
      />
      {later('rewards', (
        <ChartPanel
          name="rewards"
          title={`Rewards per ${per}`}
          summary={<>{tokenSymbol} incentives credited to providers: {tokens(tokenSymbol)(totals.rewards)} over {v.window.span} days</>}
          chartLabel={`Bar chart of rewards per ${per} in ${tokenSymbol}, ${v.window.span} days. The table toggle shows the numbers.`}
          chart={
            <Suspense fallback={<ChartSkeleton />}>
              <RewardsChart rows={chartRows} theme={theme} feeAsset={feeAsset} token={tokenSymbol} height={height} interval={per} hidden={hiddenRewards} />
            </Suspense>
          }
          legend={<SeriesLegend series={rewardsSeries} hidden={hiddenRewards} onToggle={toggle(setHiddenRewards)} />}
          exports={exportLinks('daily_metrics', filter)}
          footnote={<>After the protocol's cut. {partialNote}</>}
          table={(id) => <RewardsTable id={id} rows={chartRows} totals={totals} token={tokenSymbol} interval={per} />}
        />
      ))}
    </div>
  )
}

function Sections({ v, view }: { v: NetworkView; view: ViewState }) {
  const per = v.interval
  const sym = v.network?.tokenSymbol ?? 'tokens'
  const unit = v.last?.capacityUnit ?? 'units'
  // bytes get a binary axis of their own; the open leases (a count) then go on the right axis
  const byteUnit = isByteUnit(unit)
  const m = v.series.metrics
  // the stats and metrics rows share the buckets: merge them for the charts that need both
  const supplyRows = useMemo(() => m.map((r, i) => ({ ...r, minted: v.series.stats[i].minted, burned: v.series.stats[i].burned })), [m, v.series.stats])
  const leaseRows = useMemo(() => m.map((r, i) => ({ ...r, leasesOpened: v.series.stats[i].leasesOpened, leasesClosed: v.series.stats[i].leasesClosed })), [m, v.series.stats])
  const filter = { networks: v.network ? [v.network.id] : undefined, from: dayKey(new Date(v.window.from).toISOString()), to: dayKey(new Date(v.window.to + DAY_MS).toISOString()) }
  const daily = exportLinks('daily_metrics', filter)
  const S = (key: string, name: string, color: string, kind: SeriesDef['kind'], axis?: 'right'): SeriesDef => ({ key, name, color, kind, axis })
  return (
    <>
      {later('fees-incentives', (
        <SeriesPanel
          name="fees-incentives"
          title="Fees vs incentives"
          summary={<>What users pay against what the network emits to providers, in USD per {per}; demand/rewards {ratio(v.usd.ratio)}</>}
          rows={m}
          series={[S('feesUsd', 'Fees (USD)', SERIES.usd, 'bar'), S('incentivesUsd', 'Incentives (USD)', SERIES.incentives, 'bar')]}
          interval={per}
          format={usd}
          formatFull={usdFull}
          exports={daily}
        />
      ))}
      <div className="grid-2">
        {later('supply', (
          <SeriesPanel
            name="supply"
            title="Supply"
            summary={<>Circulating and total supply at the end of each {per}; mints (emissions) and burns per {per}</>}
            rows={supplyRows}
            series={[
              S('circulatingSupply', 'Circulating', SERIES.circulating, 'line'),
              S('totalSupply', 'Total', SERIES.supply, 'line'),
              S('minted', 'Minted', SERIES.minted, 'bar', 'right'),
              S('burned', 'Burned', SERIES.burned, 'bar', 'right'),
            ]}
            interval={per}
            format={compact}
            formatFull={tokensFull(sym)}
            exports={daily}
            footnote="Supply counts from the first indexed block (mints minus burns); circulating excludes the listed treasury and vesting addresses."
          />
        ))}
        {later('providers', (
          <SeriesPanel
            name="providers"
            title="Providers"
            summary={<>Active on the last day of each {per}; new and churned (no activity for 30 days) per {per}</>}
            rows={m}
            series={[S('activeProviders', 'Active', SERIES.active, 'line'), S('newProviders', 'New', SERIES.new, 'bar', 'right'), S('churnedProviders', 'Churned', SERIES.churned, 'bar', 'right')]}
            interval={per}
            format={count}
            formatFull={count}
            exports={daily}
          />
        ))}
        {later('leases', (
          <SeriesPanel
            name="leases"
            title="Leases"
            summary={
              <>
                Opened and closed per {per}; open at the end of each {per}.{' '}
                <span
                  data-testid="lease-medians"
                  data-count={v.leases.count}
                  data-duration={v.leases.medianDurationSeconds ?? ''}
                  data-price={v.leases.medianPrice?.value ?? ''}
                >
                  {v.leases.count > 0 ? (
                    <>
                      Closed in range: {int(v.leases.count)}, median duration {duration(v.leases.medianDurationSeconds!)}
                      {v.leases.medianPrice && (
                        <>
                          , median price {compact(v.leases.medianPrice.value)} {v.leases.medianPrice.asset}
                          {v.leases.medianPrice.unit ? ` per ${v.leases.medianPrice.unit}` : ''}
                        </>
                      )}
                    </>
                  ) : (
                    'No lease closed in range.'
                  )}
                </span>
              </>
            }
            rows={leaseRows}
            series={[S('leasesOpened', 'Opened', SERIES.opened, 'bar'), S('leasesClosed', 'Closed', SERIES.closed, 'bar'), S('activeLeases', 'Open', SERIES.leased, 'line', 'right')]}
            interval={per}
            format={count}
            formatFull={count}
            exports={exportLinks('leases', filter)}
            emptyText="This network has no leases (or none in this range)."
          />
        ))}
        {later('capacity', (
          <SeriesPanel
            name="capacity"
            title="Capacity vs leased"
            summary={<>Registered capacity and open leases in {unit}; utilization {v.last?.utilization == null ? 'not reported' : `${(v.last.utilization * 100).toFixed(1)}%`}</>}
            rows={m}
            series={[S('capacity', `Capacity (${unit})`, SERIES.capacity, 'area'), S('activeLeases', 'Leased', SERIES.leased, 'line', byteUnit ? 'right' : undefined)]}
            interval={per}
            bytes={byteUnit}
            format={byteUnit ? (n) => capacityValue(n, unit) : compact}
            formatFull={byteUnit ? (n) => `${capacityValue(n, unit)} ${capacityUnitLabel(unit)}` : (n) => `${int(n)} ${unit}`}
            formatRight={byteUnit ? count : undefined}
            formatRightFull={byteUnit ? (n) => `${int(n)} open leases` : undefined}
            exports={daily}
            emptyText="No capacity registered in this range."
          />
        ))}
      </div>
    </>
  )
}

const short = (a: string) => (a.length > 14 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a)

function TopProviders({ v, rows }: { v: NetworkView; rows: ProviderRow[] }) {
  const n = v.network
  const amount = (x: string, dec: number) => Number(BigInt(x)) / 10 ** dec
  return (
    <section className="card panel" aria-labelledby="providers-title">
      <header className="panel-head">
        <div>
          <h2 className="panel-title" id="providers-title">Top providers</h2>
          <p className="panel-summary">By fees received, then rewards, since indexing began</p>
        </div>
        <div className="panel-actions">
          <span className="export-links">
            {exportLinks('providers', { networks: n ? [n.id] : undefined }).map((e) => (
              <a key={e.label} className="btn btn-quiet" href={e.href} download data-export={e.label.toLowerCase()}>
                {e.label}
              </a>
            ))}
          </span>
        </div>
      </header>
      {rows.length === 0 ? (
        <p className="chart-empty">No provider activity indexed yet.</p>
      ) : (
        <div className="table-wrap table-wrap-flat">
          <table className="data-table" data-testid="top-providers">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Provider</th>
                <th scope="col" className="num">Fees ({n?.feeAsset})</th>
                <th scope="col" className="num">Rewards ({n?.tokenSymbol})</th>
                <th scope="col" className="num">Leases</th>
                <th scope="col" className="num">Capacity</th>
                <th scope="col" className="num">Last active</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p, i) => (
                <tr key={p.address} data-provider={p.address}>
                  <td>{i + 1}</td>
                  <th scope="row">
                    <code title={p.address}>{short(p.address)}</code>
                  </th>
                  <td className="num" data-col="fees" data-value={p.feesNative}>{compact(amount(p.feesNative, n?.feeAssetDecimals ?? 18))}</td>
                  <td className="num" data-col="rewards" data-value={p.rewardsNative}>{compact(amount(p.rewardsNative, n?.tokenDecimals ?? 18))}</td>
                  <td className="num">{int(p.leasesOpened)}</td>
                  <td className="num">{p.capacity === '0' ? '–' : `${compact(Number(p.capacity))} ${p.unit ?? ''}`}</td>
                  <td className="num">{dayLabel(p.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function TopPayers({ v, payers }: { v: NetworkView; payers: Payers }) {
  const n = v.network
  const dec = n?.feeAssetDecimals ?? 18
  return (
    <section className="card panel" aria-labelledby="payers-title">
      <header className="panel-head">
        <div>
          <h2 className="panel-title" id="payers-title">Top payers</h2>
          <p className="panel-summary">
            {int(payers.payers)} payers, {compact(payers.fees)} {payers.feeAsset} of fees
            {payers.top10Share != null && <> · top 10 pay {(payers.top10Share * 100).toFixed(1)}%</>}
            {payers.hhi != null && <> · HHI {Math.round(payers.hhi * 10_000).toLocaleString('en-US')}</>}
          </p>
        </div>
      </header>
      {payers.top.length === 0 ? (
        <p className="chart-empty">No fee payer identified in this window.</p>
      ) : (
        <div className="table-wrap table-wrap-flat">
          <table className="data-table" data-testid="top-payers">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Payer</th>
                <th scope="col" className="num">Fees ({payers.feeAsset})</th>
                <th scope="col" className="num">Payments</th>
                <th scope="col" className="num">Share</th>
              </tr>
            </thead>
            <tbody>
              {payers.top.map((p, i) => (
                <tr key={p.payer} data-payer={p.payer}>
                  <td>{i + 1}</td>
                  <th scope="row">
                    <code title={p.payer}>{short(p.payer)}</code>
                  </th>
                  <td className="num">{compact(Number(BigInt(p.feesNative)) / 10 ** dec)}</td>
                  <td className="num">{int(p.payments)}</td>
                  <td className="num" data-col="share" data-value={p.share}>{(p.share * 100).toFixed(1)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
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

function ChainRow({ s, mine, fetchedAt }: { s: ChainStatus; mine: boolean; fetchedAt?: number }) {
  const now = useNow(1000)
  const age = s.lagSeconds != null && fetchedAt != null ? s.lagSeconds + Math.max(0, now - fetchedAt) / 1000 : null
  return (
    <tr data-chain={s.chain} className={mine ? 'row-mine' : undefined}>
      <th scope="row">
        {s.name}
        {mine && <span className="pill pill-muted">this network</span>}
      </th>
      <td className="num" data-col="height" data-value={s.height ?? ''}>{s.height == null ? '–' : int(s.height)}</td>
      <td className="num" data-col="head" data-value={s.head ?? ''}>{s.head == null ? '?' : int(s.head)}</td>
      <td className="num" data-col="lag" data-value={s.lag ?? ''}>{s.lag == null ? '?' : int(s.lag)}</td>
      <td className="num">{age == null ? '–' : `${duration(age)} ago`}</td>
    </tr>
  )
}

function Health({ v, status, fetchedAt }: { v: NetworkView; status: ChainStatus[]; fetchedAt?: number }) {
  return (
    <section className="card panel" aria-labelledby="health-title" data-testid="health">
      <header className="panel-head">
        <div>
          <h2 className="panel-title" id="health-title">Health</h2>
          <p className="panel-summary">
            Indexer height and lag per chain; last event of {v.network?.name ?? 'this network'}:{' '}
            <span data-testid="last-event" data-value={v.lastEvent?.periodStart ?? ''}>
              {v.lastEvent ? `block ${int(v.lastEvent.lastBlock)}, hour of ${new Date(v.lastEvent.periodStart).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'none yet'}
            </span>
          </p>
        </div>
      </header>
      <ul className="alerts" data-testid="alerts" aria-label="Active alerts">
        {v.alerts.length === 0 ? (
          <li className="alert alert-ok">No active alerts.</li>
        ) : (
          v.alerts.map((a) => (
            <li key={a.id} className={`alert alert-${a.level}`} data-alert={a.id}>
              {a.text}
            </li>
          ))
        )}
      </ul>
      <div className="table-wrap table-wrap-flat">
        <table className="data-table" data-testid="health-chains">
          <thead>
            <tr>
              <th scope="col">Chain</th>
              <th scope="col" className="num">Height</th>
              <th scope="col" className="num">Head</th>
              <th scope="col" className="num">Lag (blocks)</th>
              <th scope="col" className="num">Last block</th>
            </tr>
          </thead>
          <tbody>
            {status.map((s) => (
              <ChainRow key={s.chain} s={s} mine={s.chain === v.network?.chain} fetchedAt={fetchedAt} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function Body({ v, view, fetchedAt, status, topProviders, payers, leased }: { v: NetworkView; view: ViewState; fetchedAt?: number; status: ChainStatus[]; topProviders: ProviderRow[]; payers?: Payers; leased?: LeasedResources }) {
  const r = RANGES.find((x) => x.id === view.range)!.label
  const last = v.last
  const none = 'no price known'
  // the fees chart first, then the other charts and the tables, one at a time (PaintOrder)
  return (
    <PaintOrder>
      <div className="cards">
        <MetricCards totals={v.totals} feeAsset={v.network?.feeAsset ?? '?'} token={v.network?.tokenSymbol ?? '?'} />
        <MetricCard
          label={`Incentives (USD, ${r})`}
          testId="net-card-incentives"
          value={v.usd.incentives}
          display={v.usd.incentives == null ? '–' : usd(v.usd.incentives)}
          accent="#0d9488"
          change={chg(v.usd.incentives, v.usd.prevIncentives)}
          changeLabel={`the previous ${v.window.span} days`}
          partial={v.previousPartial}
          sub={v.usd.incentives == null ? none : <>{v.network?.tokenSymbol} rewards at the day's price</>}
        />
        <MetricCard
          label={`Fees (USD, ${r})`}
          testId="net-card-fees"
          value={v.usd.fees}
          display={v.usd.fees == null ? '–' : usd(v.usd.fees)}
          accent="#ea580c"
          change={chg(v.usd.fees, v.usd.prevFees)}
          changeLabel={`the previous ${v.window.span} days`}
          partial={v.previousPartial}
          sub={<>demand/rewards {ratio(v.usd.ratio)}</>}
        />
        <MetricCard
          label="Market cap"
          testId="net-card-mcap"
          value={last?.marketCap ?? null}
          display={last?.marketCap == null ? '–' : usd(last.marketCap)}
          accent="#6366f1"
          sub={last?.price != null ? <>price {price(last.price)} · FDV {last.fdv == null ? '–' : usd(last.fdv)}</> : none}
        />
        <MetricCard
          label="Active providers"
          testId="net-card-providers"
          value={last?.activeProviders ?? null}
          display={last?.activeProviders == null ? '–' : int(last.activeProviders)}
          accent="#4f46e5"
          sub={last ? <>on {dayLabel(last.periodStart)} (UTC)</> : 'no data yet'}
        />
        <StatusCard status={v.status} fetchedAt={fetchedAt} />
      </div>
      {leased && leased.withResources > 0 && <LeasedCapacity leased={leased} />}
      <NativeCharts v={v} view={view} />
      <Sections v={v} view={view} />
      <div className="grid-2">
        {later('top-providers', <TopProviders v={v} rows={topProviders} />, true)}
        {payers && later('top-payers', <TopPayers v={v} payers={payers} />, true)}
      </div>
      {later('health', <Health v={v} status={status} fetchedAt={fetchedAt} />, true)}
    </PaintOrder>
  )
}

export function NetworkPage({ id }: { id: string }) {
  const search = useSearch()
  const view = useMemo(() => parseViewState(search), [search])
  const req = networkView(id, view)
  const poll = usePolling<NetworkData>(req.fetch, NETWORK_POLL_MS, req.key)
  const { data, fetchedAt } = poll
  const derived = useMemo(() => (data ? deriveNetwork(data, id, view) : undefined), [data, id, view])
  const v = useShared(derived)
  const network = v?.network
  const category = v?.category
  const categoryLink = category && categoryPath(category.id) + carryQuery(search)
  return (
    <>
      <PageHero
        crumbs={
          <>
            <Link href={'/' + carryQuery(search)}>Overview</Link>
            {category && (
              <>
                {' '}
                <span aria-hidden="true">/</span> <Link href={categoryLink!}>{category.name}</Link>
              </>
            )}
          </>
        }
        title={network?.name ?? id}
        meta={
          <>
            {category && (
              <Link href={categoryLink!} className="chip" style={{ '--chip': category.color } as React.CSSProperties}>
                <i aria-hidden="true" />
                {category.name}
              </Link>
            )}
            {v?.status && <span className="chip chip-plain">{v.status.name}</span>}
            {network && <span className="chip chip-plain">{network.tokenSymbol} · fees in {network.feeAsset}</span>}
            {v && v.stats.length > 0 && <RangeLabel window={v.window} interval={v.interval} asked={view.interval} />}
          </>
        }
        fetchedAt={fetchedAt}
        error={poll.error}
      />
      <Toolbar />
      <PollView poll={poll} every={{ short: `${NETWORK_POLL_MS / 1000} s`, long: `${NETWORK_POLL_MS / 1000} seconds` }}>
        {(d) =>
          !network ? (
            <div className="card state" data-testid="not-found">
              <h2>Unknown network</h2>
              <p>
                No network <code>{id}</code> is indexed. <Link href="/">Back to the overview</Link>
              </p>
            </div>
          ) : !v ? null : v.stats.length === 0 && d.networkStats.length === 0 ? (
            <>
              <div className="cards">
                <MetricCards totals={v.totals} feeAsset={network.feeAsset} token={network.tokenSymbol} />
                <StatusCard status={v.status} fetchedAt={fetchedAt} />
              </div>
              <EmptyState status={v.status} everyMs={NETWORK_POLL_MS} />
            </>
          ) : (
            <Body v={v} view={view} fetchedAt={fetchedAt} status={d.indexerStatus} topProviders={d.topProviders} payers={d.payers} leased={d.leasedResources} />
          )
        }
      </PollView>
    </>
  )
}
