/**
 * The overview (`/`, every network, stacked by category) and a category page (`/category/:id`, its networks side
 * by side): headline cards with the change vs the previous period, market cap, fees, incentives, capacity and
 * utilization over time, and the sortable networks table. One request per poll (api.ts fetchMarket).
 */
import { useMemo, useState } from 'react'
import type { Category, ChainStatus, MarketData } from '../api'
import { exportLinks } from '../exports'
import { DAY_MS } from '../series'
import { capacityUnitLabel, capacityValue, compact, dayKey, isByteUnit, price, ratio, usd, usdFull } from '../format'
import { usePolling, useShared } from '../hooks'
import { deriveMarket, sortRows, SORT_KEYS, type GroupRow, type MarketView, type NetworkRow, type SortKey } from '../market'
import { categoryPath, Link, networkPath, useSearch } from '../router'
import { carryQuery, parseViewState, RANGES, useViewState, type ViewState } from '../viewstate'
import { CapacityCard, MetricCard } from './Cards'
import type { SeriesDef } from './Charts'
import { PageHero, PollView, RangeLabel } from './Page'
import { SeriesPanel, type ExportLink } from './Panel'
import { Sparkline } from './Sparkline'
import { Deferred, PaintOrder } from './PaintOrder'
import { EmptyState, SectionPlaceholder } from './States'
import { Toolbar } from './Toolbar'
import { marketView } from '../views'

export const MARKET_POLL_MS = 15_000

const rangeLabel = (v: ViewState) => RANGES.find((r) => r.id === v.range)!.label
const pctFull = (v: number) => `${(v * 100).toFixed(1)}%`
const pctTick = (v: number) => `${Math.round(v * 100)}%`

function Cards({ v, view }: { v: MarketView; view: ViewState }) {
  const t = v.totals
  const p = v.previous
  const prev = `the previous ${v.window.span} days`
  const chg = (a: number | null, b: number | null) => (a == null || b == null || b === 0 ? null : (a - b) / Math.abs(b))
  const r = rangeLabel(view)
  // a previous period that indexing began inside of has no whole figures to compare with
  const partial = v.previousPartial
  return (
    <div className="cards ov-cards">
      <MetricCard
        label="Market cap"
        testId="ov-card-mcap"
        value={t.marketCap}
        display={t.marketCap == null ? '–' : usd(t.marketCap)}
        accent="#6366f1"
        change={chg(t.marketCap, p.marketCap)}
        changeLabel={`the end of ${prev}`}
        partial={partial}
        sub={<>{v.rows.filter((x) => x.marketCap != null).length} of {v.rows.length} networks with a price</>}
      />
      <MetricCard label={`Fees (USD, ${r})`} testId="ov-card-fees" value={t.feesUsd} display={t.feesUsd == null ? '–' : usd(t.feesUsd)} accent="#ea580c" change={chg(t.feesUsd, p.feesUsd)} changeLabel={prev} partial={partial} sub={<>paid by users across {v.rows.length} networks</>} />
      <MetricCard
        label={`Incentives (USD, ${r})`}
        testId="ov-card-incentives"
        value={t.incentivesUsd}
        display={t.incentivesUsd == null ? '–' : usd(t.incentivesUsd)}
        accent="#0d9488"
        change={chg(t.incentivesUsd, p.incentivesUsd)}
        changeLabel={prev}
        partial={partial}
        sub={<>token rewards emitted to providers</>}
      />
      <MetricCard label="Demand / rewards" testId="ov-card-ratio" value={t.ratio} display={ratio(t.ratio)} accent="#4f46e5" change={chg(t.ratio, p.ratio)} changeLabel={prev} partial={partial} sub={<>fees ÷ incentives over {v.window.span} days</>} />
      <CapacityCard capacity={t.capacity} previous={p.capacity} changeLabel={`the end of ${prev}`} partial={partial} />
    </div>
  )
}

interface Column {
  key: SortKey
  label: string
  title?: string
  value: (r: NetworkRow) => number | null
  show: (r: NetworkRow) => React.ReactNode
}

const opt = (n: number | null, f: (n: number) => string) => (n == null ? '–' : f(n))

function columns(range: string): Column[] {
  return [
    { key: 'price', label: 'Price', value: (r) => r.price, show: (r) => opt(r.price, price) },
    { key: 'marketCap', label: 'Market cap', value: (r) => r.marketCap, show: (r) => opt(r.marketCap, usd) },
    { key: 'fdv', label: 'FDV', title: 'Fully diluted valuation', value: (r) => r.fdv, show: (r) => opt(r.fdv, usd) },
    { key: 'feesUsd', label: `Fees ${range}`, title: `Fees paid by users over the range (${range})`, value: (r) => r.feesUsd, show: (r) => opt(r.feesUsd, usd) },
    { key: 'annualizedFeesUsd', label: 'Fees ann.', title: 'Annualized fees: fees of the trailing 30 days × 12', value: (r) => r.annualizedFeesUsd, show: (r) => opt(r.annualizedFeesUsd, usd) },
    { key: 'pf', label: 'P/F', title: 'Price to fees: market cap ÷ annualized fees', value: (r) => r.pf, show: (r) => opt(r.pf, (n) => `${compact(n)}×`) },
    { key: 'demandRewards30d', label: 'D/R 30d', title: 'Demand/rewards: trailing 30-day fees ÷ incentives', value: (r) => r.demandRewards30d, show: (r) => ratio(r.demandRewards30d) },
  ]
}

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

function NetworkTable({ v, view }: { v: MarketView; view: ViewState & { setSort(k: string, d: 'asc' | 'desc'): void } }) {
  const sort: { key: SortKey; dir: 'asc' | 'desc' } =
    view.sort && SORT_KEYS.includes(view.sort.key as SortKey) ? { key: view.sort.key as SortKey, dir: view.sort.dir } : { key: 'feesUsd', dir: 'desc' }
  const onSort = (key: SortKey) =>
    sort.key === key ? view.setSort(key, sort.dir === 'asc' ? 'desc' : 'asc') : view.setSort(key, key === 'name' || key === 'category' || key === 'chain' ? 'asc' : 'desc')
  const sorted = sortRows(v.rows, sort.key, sort.dir)
  const search = useSearch()
  const carry = carryQuery(search)
  const cols = columns(rangeLabel(view))
  return (
    <section className="card panel" aria-labelledby="ov-table-title">
      <header className="panel-head">
        <div>
          <h2 className="panel-title" id="ov-table-title">Networks</h2>
          <p className="panel-summary">Price and valuation on the range's last day; fees summed over the range. Headers sort the table.</p>
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
              {cols.map((c) => (
                <SortHeader key={c.key} k={c.key} label={c.label} title={c.title} num sort={sort} onSort={onSort} />
              ))}
              <th scope="col" className="spark-col">Fees trend</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id} data-network={r.id}>
                <th scope="row" data-col="name" data-value={r.name}>
                  <Link href={networkPath(r.id) + carry} className="net-link">
                    {r.name}
                  </Link>
                </th>
                <td data-col="category" data-value={r.categoryId}>
                  <Link href={categoryPath(r.categoryId) + carry} className="chip" style={{ '--chip': r.categoryColor } as React.CSSProperties}>
                    <i aria-hidden="true" />
                    {r.categoryName}
                  </Link>
                </td>
                <td data-col="chain" data-value={r.chain}>{r.chain}</td>
                {cols.map((c) => {
                  const val = c.value(r)
                  return (
                    <td key={c.key} className="num" data-col={c.key} data-value={val == null ? '' : String(val)} title={val == null ? 'not known' : undefined}>
                      {c.show(r)}
                    </td>
                  )
                })}
                <td className="spark-col">
                  <Sparkline values={r.spark} color={r.categoryColor} label={`Fees of ${r.name} per ${v.interval}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="panel-foot">
        – means not known (no price, or fewer than 30 days of history for the trailing figures); unknown values are skipped in sums. D/R: demand/rewards, fees ÷ incentives.
      </p>
    </section>
  )
}

function GroupTable({ rows, range }: { rows: GroupRow[]; range: string }) {
  const search = useSearch()
  return (
    <section className="card panel" aria-labelledby="ov-cat-title">
      <header className="panel-head">
        <div>
          <h2 className="panel-title" id="ov-cat-title">Categories</h2>
          <p className="panel-summary">Each network counts in its primary category.</p>
        </div>
      </header>
      <div className="table-wrap table-wrap-flat">
        <table className="data-table" data-testid="ov-categories">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" className="num">Networks</th>
              <th scope="col" className="num">Market cap</th>
              <th scope="col" className="num">Fees {range}</th>
              <th scope="col" className="num">Incentives {range}</th>
              <th scope="col" className="num">D/R</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => (
              <tr key={g.id} data-category={g.id}>
                <th scope="row">
                  <Link href={categoryPath(g.id) + carryQuery(search)} className="chip" style={{ '--chip': g.color } as React.CSSProperties}>
                    <i aria-hidden="true" />
                    {g.name}
                  </Link>
                </th>
                <td className="num">{g.networks}</td>
                <td className="num" data-col="marketCap" data-value={g.marketCap ?? ''}>{opt(g.marketCap, usd)}</td>
                <td className="num" data-col="feesUsd" data-value={g.feesUsd ?? ''}>{opt(g.feesUsd, usdFull)}</td>
                <td className="num" data-col="incentivesUsd" data-value={g.incentivesUsd ?? ''}>{opt(g.incentivesUsd, usdFull)}</td>
                <td className="num" data-col="ratio" data-value={g.ratio ?? ''}>{ratio(g.ratio)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/**
 * Capacity by group, one unit at a time (devices, GPUs, bytes... cannot share an axis): a picker of the units in
 * view, the first by default.
 */
function CapacityPanel({ v, groupWord, exports }: { v: MarketView; groupWord: string; exports: ExportLink[] }) {
  const [picked, setPicked] = useState<string>()
  const units = [...new Set(v.charts.capacitySeries.map((c) => c.unit))].sort()
  const unit = picked && units.includes(picked) ? picked : units[0]
  const series: SeriesDef[] = v.charts.capacitySeries
    .filter((c) => c.unit === unit)
    .map((c) => {
      const g = v.groups.find((x) => x.id === c.group)
      return { key: c.key, name: g?.name ?? c.group, color: g?.color ?? '#8a93a3', kind: 'line' }
    })
  const label = unit ? (isByteUnit(unit) ? `bytes ${capacityUnitLabel(unit)}` : unit) : ''
  return (
    <SeriesPanel
      name="capacity"
      title={`Capacity by ${groupWord}`}
      summary={<>Registered capacity{unit ? <> in {label}</> : null}, at the end of each {v.interval}; each unit on its own</>}
      rows={v.charts.capacity}
      series={series}
      interval={v.interval}
      format={(n) => (unit ? capacityValue(n, unit) : compact(n))}
      bytes={unit != null && isByteUnit(unit)}
      formatFull={(n) => (unit ? `${capacityValue(n, unit)} ${capacityUnitLabel(unit)}` : compact(n))}
      exports={exports}
      emptyText="No capacity registered in this range."
      controls={
        units.length > 1 && (
          <div className="seg seg-units" role="group" aria-label="Capacity unit">
            {units.map((u) => (
              <button key={u} type="button" aria-pressed={u === unit} data-unit={u} onClick={() => setPicked(u)}>
                {isByteUnit(u) ? 'bytes' : u}
              </button>
            ))}
          </div>
        )
      }
    />
  )
}

function Body({ v, view, category, chains }: { v: MarketView; view: ReturnType<typeof useViewState>; category?: Category; chains: ChainStatus[] }) {
  const groupWord = category ? 'network' : 'category'
  const stacked = (kind: 'bar' | 'area'): SeriesDef[] => v.groups.map((g) => ({ key: g.id, name: g.name, color: g.color, kind, stack: 'a' }))
  const lines: SeriesDef[] = v.groups.filter((g) => v.charts.utilization.some((r) => r[g.id] != null)).map((g) => ({ key: g.id, name: g.name, color: g.color, kind: 'line' }))
  // the charts' own numbers (daily_metrics) for the networks they draw, over the window
  const daily = exportLinks('daily_metrics', {
    networks: v.shown.map((n) => n.id),
    from: dayKey(new Date(v.window.from).toISOString()),
    to: dayKey(new Date(v.window.to + DAY_MS).toISOString()),
  })
  const per = v.interval
  if (v.shown.length === 0) return <EmptyState what={category ? 'category' : 'view'} chains={chains} everyMs={MARKET_POLL_MS} />
  // the market cap chart first, then the other charts and the tables, one at a time (PaintOrder)
  const later = (name: string, node: React.ReactNode, table?: boolean) => (
    <Deferred placeholder={<SectionPlaceholder name={name} table={table} />}>{node}</Deferred>
  )
  return (
    <PaintOrder>
      <Cards v={v} view={view} />
      <div className="grid-2">
        <SeriesPanel
          headline
          name="mcap"
          title={`Market cap by ${groupWord}`}
          summary={<>Circulating supply × price, stacked; {v.totals.marketCap == null ? 'no price known' : usd(v.totals.marketCap)} on the last day</>}
          rows={v.charts.marketCap}
          series={stacked('area')}
          interval={per}
          format={usd}
          formatFull={usdFull}
          total
          exports={daily}
          emptyText="No market cap known in this range (no price, or no mint indexed yet)."
        />
        {later('fees', (
          <SeriesPanel
            name="fees"
            title={`Fees (revenue) by ${groupWord}`}
            summary={<>USD paid by users per {per}: {v.totals.feesUsd == null ? 'not priced' : usd(v.totals.feesUsd)} over {v.window.span} days</>}
            rows={v.charts.fees}
            series={stacked('bar')}
            interval={per}
            format={usd}
            formatFull={usdFull}
            total
            exports={daily}
            footnote="Days without a known price for a network leave that network out of the bar."
          />
        ))}
        {later('incentives', (
          <SeriesPanel
            name="incentives"
            title={`Incentives by ${groupWord}`}
            summary={<>Token rewards to providers in USD per {per}: {v.totals.incentivesUsd == null ? 'not priced' : usd(v.totals.incentivesUsd)}</>}
            rows={v.charts.incentives}
            series={stacked('bar')}
            interval={per}
            format={usd}
            formatFull={usdFull}
            total
            exports={daily}
          />
        ))}
        {later('capacity', <CapacityPanel v={v} groupWord={groupWord} exports={daily} />)}
      </div>
      {later('utilization', (
        <SeriesPanel
          name="utilization"
          title={`Utilization by ${groupWord}`}
          summary={<>Active leases ÷ capacity, for the networks whose leases use capacity</>}
          rows={v.charts.utilization}
          series={lines}
          interval={per}
          format={pctTick}
          formatFull={pctFull}
          exports={daily}
          emptyText="No network in view reports leases against its capacity."
        />
      ))}
      {!category && later('categories', <GroupTable rows={v.groupRows} range={rangeLabel(view)} />, true)}
      {later('networks', <NetworkTable v={v} view={view} />, true)}
    </PaintOrder>
  )
}

export function MarketPage({ category: categoryId }: { category?: string }) {
  const view = useViewState()
  const search = useSearch()
  const state = useMemo(() => parseViewState(search), [search])
  const req = marketView(categoryId, state)
  const poll = usePolling<MarketData>(req.fetch, MARKET_POLL_MS, req.key, req.keepAcross)
  const { data } = poll
  const category = categoryId ? data?.categories.find((c) => c.id === categoryId) : undefined
  // derived view, structurally shared with the previous one so unchanged charts keep their rows
  const derived = useMemo(() => (data ? deriveMarket(data, state, categoryId) : undefined), [data, state, categoryId])
  const v = useShared(derived)
  const filterNets = v?.scope.map((n) => ({ id: n.id, name: n.name, color: categoryId ? v.groups.find((g) => g.id === n.id)?.color ?? '#8a93a3' : v.categories.find((c) => c.id === n.category)?.color ?? '#8a93a3' }))
  return (
    <>
      <PageHero
        crumbs={categoryId && (
          <>
            <Link href={'/' + carryQuery(window.location.search)}>Overview</Link> <span aria-hidden="true">/</span> <span>Category</span>
          </>
        )}
        title={categoryId ? (
          <>
            {category && <i className="title-dot" style={{ background: category.color }} aria-hidden="true" />}
            {category?.name ?? categoryId}
          </>
        ) : (
          'DePIN overview'
        )}
        meta={v && (
          <>
            <span className="chip chip-plain">
              {v.scope.length} networks{categoryId ? '' : ` · ${v.groups.length} categories · ${v.status.length} chains`}
            </span>
            <RangeLabel window={v.window} interval={v.interval} asked={view.interval} />
          </>
        )}
        fetchedAt={poll.fetchedAt}
        error={poll.error}
        updating={v && poll.loading}
      />
      <Toolbar networks={filterNets} />
      <PollView poll={poll} every={{ short: `${MARKET_POLL_MS / 1000} s`, long: `${MARKET_POLL_MS / 1000} seconds` }}>
        {(d) =>
          categoryId && !category ? (
            <div className="card state" data-testid="not-found">
              <h2>Unknown category</h2>
              <p>
                No category <code>{categoryId}</code>. Categories: {d.categories.filter((c) => c.networks.length).map((c, i) => (
                  <span key={c.id}>
                    {i > 0 && ', '}
                    <Link href={categoryPath(c.id)}>{c.name}</Link>
                  </span>
                ))}
                .
              </p>
            </div>
          ) : (
            v && <Body v={v} view={view} category={category} chains={d.indexerStatus} />
          )
        }
      </PollView>
    </>
  )
}
