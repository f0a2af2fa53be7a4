import { Suspense, useId, useRef, useState } from 'react'
import { chartsChunk, lazyChunk } from '../chunks'
import { bucketLabel, dayKey } from '../format'
import { useMediaQuery } from '../hooks'
import type { BucketRow } from '../series'
import { useChartTheme } from '../theme'
import type { IntervalId } from '../viewstate'
import type { SeriesDef } from './Charts'
import { useHeadline } from './PaintOrder'
import { ChartSkeleton } from './States'

const SeriesChart = lazyChunk(chartsChunk, (m) => m.SeriesChart)

export interface ExportLink {
  label: string
  href: string
}

/** A chart card: title, summary, export links, the chart, and a "Show table" toggle revealing its text alternative. */
export function ChartPanel(props: {
  name: string
  title: string
  summary: React.ReactNode
  chartLabel: string
  chart: React.ReactNode
  table: (id: string) => React.ReactNode
  footnote?: React.ReactNode
  legend?: React.ReactNode
  exports?: ExportLink[]
  /** the page's headline chart: drawn first, the page's other sections after it (PaintOrder) */
  headline?: boolean
}) {
  const [open, setOpen] = useState(false)
  const tableId = useId()
  const chartRef = useRef<HTMLDivElement>(null)
  useHeadline(chartRef, props.headline)
  return (
    <section className="card panel" aria-labelledby={`${tableId}-title`} data-panel={props.name}>
      <header className="panel-head">
        <div>
          <h2 className="panel-title" id={`${tableId}-title`}>{props.title}</h2>
          <p className="panel-summary">{props.summary}</p>
        </div>
        <div className="panel-actions">
          {props.exports && props.exports.length > 0 && (
            <span className="export-links" aria-label={`Download the data of ${props.title}`}>
              {props.exports.map((e) => (
                <a key={e.label} className="btn btn-quiet" href={e.href} download data-export={e.label.toLowerCase()}>
                  {e.label}
                </a>
              ))}
            </span>
          )}
          <button
            type="button"
            className="btn"
            data-testid={`toggle-table-${props.name}`}
            aria-expanded={open}
            aria-controls={open ? tableId : undefined}
            onClick={() => setOpen((o) => !o)}
          >
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path d="M2 3h12v10H2zM2 6.5h12M2 10h12M6 6.5V13" fill="none" stroke="currentColor" strokeWidth="1.3" />
            </svg>
            {open ? 'Hide table' : 'Show table'}
          </button>
        </div>
      </header>
      {props.legend}
      <div className="chart" ref={chartRef} data-testid={`chart-${props.name}`} role="img" aria-label={props.chartLabel}>
        {props.chart}
      </div>
      {props.footnote && <p className="panel-foot">{props.footnote}</p>}
      {open && props.table(tableId)}
    </section>
  )
}

/** Legend whose entries switch their series on and off (buttons: keyboard and screen-reader friendly). */
export function SeriesLegend({ series, hidden, onToggle }: { series: SeriesDef[]; hidden: string[]; onToggle: (key: string) => void }) {
  if (series.length === 0) return null
  // one series: a key of what is drawn (nothing to switch between)
  if (series.length === 1) {
    const s = series[0]
    return (
      <div className="legend" aria-label="Series">
        <span className="legend-item legend-static" data-series={s.key}>
          <i style={{ background: s.color }} aria-hidden="true" />
          {s.name}
        </span>
      </div>
    )
  }
  return (
    <div className="legend" role="group" aria-label="Series (click to show or hide)">
      {series.map((s) => {
        const on = !hidden.includes(s.key)
        return (
          <button key={s.key} type="button" className="legend-item" aria-pressed={on} data-series={s.key} onClick={() => onToggle(s.key)}>
            <i style={{ background: s.color }} aria-hidden="true" />
            {s.name}
          </button>
        )
      })}
    </div>
  )
}

export interface SeriesPanelProps {
  name: string
  title: string
  summary: React.ReactNode
  footnote?: React.ReactNode
  rows: BucketRow[]
  series: SeriesDef[]
  interval: IntervalId
  format: (v: number) => string
  formatFull: (v: number) => string
  formatRight?: (v: number) => string
  formatRightFull?: (v: number) => string
  total?: boolean
  /** the left axis counts bytes (nice binary ticks) */
  bytes?: boolean
  exports?: ExportLink[]
  /** shown instead of the chart when no series has a value */
  emptyText?: string
  /** controls above the legend (e.g. a unit picker) */
  controls?: React.ReactNode
  /** the page's headline chart (PaintOrder) */
  headline?: boolean
}

/** A ChartPanel drawing `series` of bucketed rows, with a toggling legend and a table of the same numbers. */
export function SeriesPanel(p: SeriesPanelProps) {
  const theme = useChartTheme()
  const small = useMediaQuery('(max-width: 640px)')
  const [hidden, setHidden] = useState<string[]>([])
  const toggle = (k: string) => setHidden((h) => (h.includes(k) ? h.filter((x) => x !== k) : [...h, k]))
  const hasData = p.rows.some((r) => p.series.some((s) => r[s.key] != null && r[s.key] !== 0))
  return (
    <ChartPanel
      name={p.name}
      title={p.title}
      summary={p.summary}
      footnote={p.footnote}
      exports={p.exports}
      headline={p.headline}
      chartLabel={`${p.title}: ${p.series.map((s) => s.name).join(', ')}; ${p.rows.length} ${p.interval === 'day' ? 'days' : p.interval === 'week' ? 'weeks' : 'months'}. The table toggle shows the numbers.`}
      legend={
        <>
          {p.controls}
          {hasData && <SeriesLegend series={p.series} hidden={hidden} onToggle={toggle} />}
        </>
      }
      chart={
        !hasData ? (
          <p className="chart-empty">{p.emptyText ?? 'Nothing to show in this range yet.'}</p>
        ) : (
          <Suspense fallback={<ChartSkeleton />}>
            <SeriesChart
              rows={p.rows}
              series={p.series}
              hidden={hidden}
              theme={theme}
              height={small ? 230 : 280}
              interval={p.interval}
              format={p.format}
              formatFull={p.formatFull}
              formatRight={p.formatRight}
              formatRightFull={p.formatRightFull}
              total={p.total}
              bytes={p.bytes}
            />
          </Suspense>
        )
      }
      table={(id) => <SeriesTable id={id} name={p.name} rows={p.rows} series={p.series} interval={p.interval} formatFull={p.formatFull} formatRightFull={p.formatRightFull} />}
    />
  )
}

/** The text alternative of a chart: one row per bucket (`data-day`), one column per series, raw numbers in data-value. */
export function SeriesTable(p: { id: string; name: string; rows: BucketRow[]; series: SeriesDef[]; interval: IntervalId; formatFull: (v: number) => string; formatRightFull?: (v: number) => string }) {
  return (
    <div className="table-wrap" id={p.id}>
      <table className="data-table" data-testid={`table-${p.name}`}>
        <thead>
          <tr>
            <th scope="col">{p.interval === 'day' ? 'Day (UTC)' : p.interval === 'week' ? 'Week (UTC)' : 'Month'}</th>
            {p.series.map((s) => (
              <th key={s.key} scope="col" className="num">{s.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.t} data-day={dayKey(r.periodStart)}>
              <th scope="row">{bucketLabel(r.periodStart, p.interval)}</th>
              {p.series.map((s) => {
                const v = r[s.key] as number | null
                const f = s.axis === 'right' ? p.formatRightFull ?? p.formatFull : p.formatFull
                return (
                  <td key={s.key} className="num" data-col={s.key} data-value={v == null ? '' : String(v)}>
                    {v == null ? '–' : f(v)}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
