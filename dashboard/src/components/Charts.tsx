/**
 * Recharts charts, loaded as a separate chunk so the cards render before the charting code arrives. No entrance
 * animation: a chart shows its data in the frame it is drawn (and animating five charts at once costs frames).
 */
import { memo, useMemo, useRef, useState } from 'react'
import { Area, Bar, CartesianGrid, Cell, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts'
import { byteAxis } from '../axis'
import { bucketLabel, bucketTick, compact, fixed, int, usd, usdFull } from '../format'
import { useMediaQuery } from '../hooks'
import type { ChartRow } from '../model'
import type { BucketRow } from '../series'
import type { ChartTheme } from '../theme'
import type { IntervalId } from '../viewstate'

interface ChartProps {
  rows: ChartRow[]
  theme: ChartTheme
  feeAsset: string
  token: string
  height: number
  interval: IntervalId
  /** series switched off in the panel's legend (SeriesLegend: buttons, keyboard-usable) */
  hidden?: string[]
}

const PARTIAL_OPACITY = 0.45

function TooltipShell({ row, interval, children }: { row: ChartRow; interval: IntervalId; children: React.ReactNode }) {
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">
        {bucketLabel(row.periodStart, interval)}
        {row.partial && <span className="pill pill-muted">in progress</span>}
      </div>
      <dl>{children}</dl>
    </div>
  )
}

function TooltipRow({ color, label, value }: { color?: string; label: string; value: string }) {
  return (
    <div className="chart-tooltip-row">
      <dt>
        {color && <i style={{ background: color }} />}
        {label}
      </dt>
      <dd>{value}</dd>
    </div>
  )
}

const rowOf = (p: TooltipContentProps): ChartRow | undefined =>
  p.active ? (p.payload?.[0]?.payload as ChartRow | undefined) : undefined

/**
 * Axes label ticks at a fixed interval: with Recharts' default ('preserveEnd') every candidate label is measured in
 * the DOM, a forced layout per label, the largest single cost of drawing a chart. A value axis shows all its ticks
 * (five round values, never crowded); a date axis every n-th bucket (dateLabelEvery).
 */
function axisProps(theme: ChartTheme) {
  return {
    tick: { fill: theme.axis, fontSize: 12 },
    tickLine: false,
    axisLine: false,
    interval: 0,
  } as const
}

/**
 * The grid draws no vertical lines; without a generator of its own Recharts still computes where they would go,
 * measuring every date label in the DOM (the largest cost of a first draw in the profile, ~250 ms under load).
 */
const NO_LINES = () => []

/** Most date labels an x axis shows: 4 on a phone, 7 otherwise (a half-width chart on a laptop has room for about 8). */
function useMaxDateLabels(): number {
  return useMediaQuery('(max-width: 640px)') ? 4 : 7
}

/** Every how many buckets a date axis labels one (Recharts' `interval`: labels skipped between two shown). */
export const dateLabelEvery = (buckets: number, maxLabels: number) => Math.max(0, Math.ceil(buckets / maxLabels) - 1)

function xAxis(theme: ChartTheme, interval: IntervalId, buckets: number, maxLabels: number) {
  return (
    <XAxis
      dataKey="day"
      tickFormatter={(d: string) => bucketTick(d, interval)}
      {...axisProps(theme)}
      interval={dateLabelEvery(buckets, maxLabels)}
      axisLine={{ stroke: theme.grid }}
      tickMargin={8}
    />
  )
}

export function FeesChart({ rows, theme, feeAsset, height, interval, hidden = [] }: ChartProps) {
  const maxLabels = useMaxDateLabels()
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 4 }} barCategoryGap="22%">
        <CartesianGrid vertical={false} verticalCoordinatesGenerator={NO_LINES} stroke={theme.grid} />
        {xAxis(theme, interval, rows.length, maxLabels)}
        <YAxis yAxisId="fees" {...axisProps(theme)} width={44} tickFormatter={(v: number) => compact(v)} />
        <YAxis yAxisId="usd" orientation="right" {...axisProps(theme)} width={52} tickFormatter={(v: number) => usd(v)} />
        <Tooltip
          cursor={{ fill: theme.cursor }}
          content={(p: TooltipContentProps) => {
            const r = rowOf(p)
            if (!r) return null
            return (
              <TooltipShell row={r} interval={interval}>
                <TooltipRow color={theme.fees} label={`Fees (${feeAsset})`} value={fixed(r.fees, 4)} />
                <TooltipRow color={theme.usd} label="Fees (USD)" value={r.feesUsd == null ? '– (no price)' : usdFull(r.feesUsd)} />
                <TooltipRow label="Fee events" value={int(r.feeCount)} />
              </TooltipShell>
            )
          }}
        />
        <Bar yAxisId="fees" dataKey="fees" hide={hidden.includes('fees')} name={`Fees (${feeAsset})`} fill={theme.fees} radius={[3, 3, 0, 0]} maxBarSize={26} isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.day} fillOpacity={r.partial ? PARTIAL_OPACITY : 1} />
          ))}
        </Bar>
        <Line
          yAxisId="usd"
          dataKey="feesUsd"
          hide={hidden.includes('feesUsd')}
          name="Fees (USD)"
          type="monotone"
          stroke={theme.usd}
          strokeWidth={2}
          dot={false}
          activeDot={{ r: 4, strokeWidth: 0 }}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  )
}

export function RewardsChart({ rows, theme, token, height, interval, hidden = [] }: ChartProps) {
  const maxLabels = useMaxDateLabels()
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 4 }} barCategoryGap="22%">
        <CartesianGrid vertical={false} verticalCoordinatesGenerator={NO_LINES} stroke={theme.grid} />
        {xAxis(theme, interval, rows.length, maxLabels)}
        <YAxis {...axisProps(theme)} width={44} tickFormatter={(v: number) => compact(v)} />
        <Tooltip
          cursor={{ fill: theme.cursor }}
          content={(p: TooltipContentProps) => {
            const r = rowOf(p)
            if (!r) return null
            return (
              <TooltipShell row={r} interval={interval}>
                <TooltipRow color={theme.rewards} label={`Rewards (${token})`} value={fixed(r.rewards, 2)} />
                <TooltipRow label="Reward events" value={int(r.rewardCount)} />
                <TooltipRow label={`Treasury cut (${token})`} value={fixed(r.protocolTake, 2)} />
              </TooltipShell>
            )
          }}
        />
        <Bar dataKey="rewards" hide={hidden.includes('rewards')} name={`Rewards (${token})`} fill={theme.rewards} radius={[3, 3, 0, 0]} maxBarSize={26} isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.day} fillOpacity={r.partial ? PARTIAL_OPACITY : 1} />
          ))}
        </Bar>
      </ComposedChart>
    </ResponsiveContainer>
  )
}

export const MemoFeesChart = memo(FeesChart)
export const MemoRewardsChart = memo(RewardsChart)

// ---------- generic time series (market, category and network pages) ----------

export interface SeriesDef {
  key: string
  name: string
  color: string
  kind: 'bar' | 'area' | 'line'
  /** series with the same stack id are stacked */
  stack?: string
  axis?: 'left' | 'right'
}

export interface SeriesChartProps {
  rows: BucketRow[]
  series: SeriesDef[]
  /** keys of series the legend has switched off */
  hidden: string[]
  theme: ChartTheme
  height: number
  interval: IntervalId
  /** axis ticks (compact) */
  format: (v: number) => string
  formatRight?: (v: number) => string
  /** tooltip values (full) */
  formatFull: (v: number) => string
  formatRightFull?: (v: number) => string
  /** add a total line to the tooltip (stacked series) */
  total?: boolean
  /** the left axis counts bytes: nice binary ticks (1, 2, 5 × KiB ... EiB) and a width fitting their labels */
  bytes?: boolean
}

/** The largest value the left axis must show: of each visible series, or of each stack's sum. */
function leftMax(rows: BucketRow[], series: SeriesDef[]): number {
  let max = 0
  for (const r of rows) {
    const stacks = new Map<string, number>()
    for (const s of series) {
      if (s.axis === 'right') continue
      const v = Number(r[s.key]) || 0
      if (s.stack) stacks.set(s.stack, (stacks.get(s.stack) ?? 0) + v)
      else max = Math.max(max, v)
    }
    for (const v of stacks.values()) max = Math.max(max, v)
  }
  return max
}

function SeriesChartImpl(p: SeriesChartProps) {
  const { rows, series, theme, height, interval } = p
  const visible = series.filter((s) => !p.hidden.includes(s.key))
  const hasRight = series.some((s) => s.axis === 'right')
  const maxLabels = useMaxDateLabels()
  const bytes = useMemo(() => (p.bytes ? byteAxis(leftMax(rows, visible)) : undefined), [p.bytes, rows, visible.map((s) => s.key).join()])
  // how many times this chart has rendered (data-render-count): live polls that change nothing must not add to it
  const renders = useRef(0)
  renders.current += 1
  return (
    <div className="chart-canvas" data-render-count={renders.current}>
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 4 }} barCategoryGap="18%">
        <CartesianGrid vertical={false} verticalCoordinatesGenerator={NO_LINES} stroke={theme.grid} />
        {xAxis(theme, interval, rows.length, maxLabels)}
        {bytes ? (
          <YAxis yAxisId="left" {...axisProps(theme)} width={bytes.width} domain={[0, bytes.ticks.at(-1)!]} ticks={bytes.ticks} tickFormatter={bytes.label} />
        ) : (
          <YAxis yAxisId="left" {...axisProps(theme)} width={58} tickFormatter={(v: number) => p.format(v)} />
        )}
        {hasRight && <YAxis yAxisId="right" orientation="right" {...axisProps(theme)} width={58} tickFormatter={(v: number) => (p.formatRight ?? p.format)(v)} />}
        <Tooltip
          cursor={{ fill: theme.cursor }}
          isAnimationActive={false}
          content={(tp: TooltipContentProps) => {
            if (!tp.active || !tp.payload?.length) return null
            const r = tp.payload[0].payload as BucketRow
            let total = 0
            for (const s of visible) total += Number(r[s.key]) || 0
            return (
              <div className="chart-tooltip">
                <div className="chart-tooltip-title">{bucketLabel(r.periodStart, interval)}</div>
                <dl>
                  {[...visible].reverse().map((s) => {
                    const v = r[s.key] as number | null
                    const f = s.axis === 'right' ? p.formatRightFull ?? p.formatFull : p.formatFull
                    return <TooltipRow key={s.key} color={s.color} label={s.name} value={v == null ? 'unknown' : f(v)} />
                  })}
                  {p.total && visible.length > 1 && <TooltipRow label="Total" value={p.formatFull(total)} />}
                </dl>
              </div>
            )
          }}
        />
        {visible.map((s) => {
          const common = { dataKey: s.key, name: s.name, yAxisId: s.axis ?? 'left', isAnimationActive: false }
          if (s.kind === 'bar') return <Bar key={s.key} {...common} stackId={s.stack} fill={s.color} maxBarSize={28} radius={s.stack ? undefined : [3, 3, 0, 0]} />
          if (s.kind === 'area')
            return <Area key={s.key} {...common} stackId={s.stack} type="monotone" stroke={s.color} fill={s.color} fillOpacity={0.35} strokeWidth={1.5} dot={false} activeDot={{ r: 3 }} connectNulls />
          return <Line key={s.key} {...common} type="monotone" stroke={s.color} strokeWidth={2} dot={false} activeDot={{ r: 4, strokeWidth: 0 }} connectNulls />
        })}
      </ComposedChart>
    </ResponsiveContainer>
    </div>
  )
}

/** Re-renders only when its data, series, visibility, size or theme change (polls that change nothing keep the rows' identity). */
export const SeriesChart = memo(SeriesChartImpl, (a, b) =>
  a.rows === b.rows && a.bytes === b.bytes && a.theme === b.theme && a.height === b.height && a.interval === b.interval && a.total === b.total &&
  a.hidden.join() === b.hidden.join() && JSON.stringify(a.series) === JSON.stringify(b.series),
)
