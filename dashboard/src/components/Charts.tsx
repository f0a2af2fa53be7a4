/** Recharts charts, loaded as a separate chunk so the cards render before the charting code arrives. */
import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts'
import { compact, dayLabel, dayLongLabel, fixed, int, usd, usdFull } from '../format'
import type { ChartRow } from '../model'
import type { ChartTheme } from '../theme'

interface ChartProps {
  rows: ChartRow[]
  theme: ChartTheme
  feeAsset: string
  token: string
  height: number
}

const PARTIAL_OPACITY = 0.45

function TooltipShell({ row, children }: { row: ChartRow; children: React.ReactNode }) {
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">
        {dayLongLabel(row.periodStart)}
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

function axisProps(theme: ChartTheme) {
  return {
    tick: { fill: theme.axis, fontSize: 12 },
    tickLine: false,
    axisLine: false,
  } as const
}

function xAxis(theme: ChartTheme) {
  return (
    <XAxis
      dataKey="day"
      tickFormatter={(d: string) => dayLabel(d)}
      {...axisProps(theme)}
      axisLine={{ stroke: theme.grid }}
      minTickGap={18}
      tickMargin={8}
    />
  )
}

function legendFormatter(value: string) {
  return <span className="chart-legend-text">{value}</span>
}

export function FeesChart({ rows, theme, feeAsset, height }: ChartProps) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 4 }} barCategoryGap="22%">
        <CartesianGrid vertical={false} stroke={theme.grid} />
        {xAxis(theme)}
        <YAxis yAxisId="fees" {...axisProps(theme)} width={44} tickFormatter={(v: number) => compact(v)} />
        <YAxis yAxisId="usd" orientation="right" {...axisProps(theme)} width={52} tickFormatter={(v: number) => usd(v)} />
        <Tooltip
          cursor={{ fill: theme.cursor }}
          content={(p: TooltipContentProps) => {
            const r = rowOf(p)
            if (!r) return null
            return (
              <TooltipShell row={r}>
                <TooltipRow color={theme.fees} label={`Fees (${feeAsset})`} value={fixed(r.fees, 4)} />
                <TooltipRow color={theme.usd} label="Fees (USD)" value={usdFull(r.feesUsd)} />
                <TooltipRow label="Winning tickets" value={int(r.feeCount)} />
              </TooltipShell>
            )
          }}
        />
        <Legend verticalAlign="top" align="right" height={28} iconSize={10} formatter={legendFormatter} />
        <Bar yAxisId="fees" dataKey="fees" name={`Fees (${feeAsset})`} fill={theme.fees} radius={[3, 3, 0, 0]} maxBarSize={26} animationDuration={500}>
          {rows.map((r) => (
            <Cell key={r.day} fillOpacity={r.partial ? PARTIAL_OPACITY : 1} />
          ))}
        </Bar>
        <Line
          yAxisId="usd"
          dataKey="feesUsd"
          name="Fees (USD)"
          type="monotone"
          stroke={theme.usd}
          strokeWidth={2}
          dot={false}
          activeDot={{ r: 4, strokeWidth: 0 }}
          animationDuration={500}
        />
      </ComposedChart>
    </ResponsiveContainer>
  )
}

export function RewardsChart({ rows, theme, token, height }: ChartProps) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 4 }} barCategoryGap="22%">
        <CartesianGrid vertical={false} stroke={theme.grid} />
        {xAxis(theme)}
        <YAxis {...axisProps(theme)} width={44} tickFormatter={(v: number) => compact(v)} />
        <Tooltip
          cursor={{ fill: theme.cursor }}
          content={(p: TooltipContentProps) => {
            const r = rowOf(p)
            if (!r) return null
            return (
              <TooltipShell row={r}>
                <TooltipRow color={theme.rewards} label={`Rewards (${token})`} value={fixed(r.rewards, 2)} />
                <TooltipRow label="Reward calls" value={int(r.rewardCount)} />
                <TooltipRow label={`Treasury cut (${token})`} value={fixed(r.protocolTake, 2)} />
              </TooltipShell>
            )
          }}
        />
        <Legend verticalAlign="top" align="right" height={28} iconSize={10} formatter={legendFormatter} />
        <Bar dataKey="rewards" name={`Rewards (${token})`} fill={theme.rewards} radius={[3, 3, 0, 0]} maxBarSize={26} animationDuration={500}>
          {rows.map((r) => (
            <Cell key={r.day} fillOpacity={r.partial ? PARTIAL_OPACITY : 1} />
          ))}
        </Bar>
      </ComposedChart>
    </ResponsiveContainer>
  )
}

export default FeesChart

// ---------- overview and network pages ----------

interface CategoryLike {
  id: string
  name: string
  color: string
}

/** Daily fees in USD, one stacked segment per category (colour from the API's category). */
export function OverviewFeesChart({ rows, categories, theme, height }: { rows: { day: string; periodStart: string; [k: string]: number | string }[]; categories: CategoryLike[]; theme: ChartTheme; height: number }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 4 }} barCategoryGap="22%">
        <CartesianGrid vertical={false} stroke={theme.grid} />
        {xAxis(theme)}
        <YAxis {...axisProps(theme)} width={56} tickFormatter={(v: number) => usd(v)} />
        <Tooltip
          cursor={{ fill: theme.cursor }}
          content={(p: TooltipContentProps) => {
            if (!p.active || !p.payload?.length) return null
            const r = p.payload[0].payload as { periodStart: string; [k: string]: number | string }
            const total = categories.reduce((s, c) => s + (Number(r[c.id]) || 0), 0)
            return (
              <div className="chart-tooltip">
                <div className="chart-tooltip-title">{dayLongLabel(r.periodStart)}</div>
                <dl>
                  {[...categories].reverse().map((c) => (
                    <TooltipRow key={c.id} color={c.color} label={c.name} value={usdFull(Number(r[c.id]) || 0)} />
                  ))}
                  <TooltipRow label="Total" value={usdFull(total)} />
                </dl>
              </div>
            )
          }}
        />
        <Legend verticalAlign="top" align="right" height={28} iconSize={10} formatter={legendFormatter} />
        {categories.map((c, i) => (
          <Bar
            key={c.id}
            dataKey={c.id}
            name={c.name}
            stackId="fees"
            fill={c.color}
            radius={i === categories.length - 1 ? [3, 3, 0, 0] : undefined}
            maxBarSize={26}
            animationDuration={500}
          />
        ))}
      </ComposedChart>
    </ResponsiveContainer>
  )
}

/** Daily fees in USD of one network (null days, without a price, are gaps). */
export function NetworkFeesChart({ rows, color, theme, height }: { rows: { day: string; periodStart: string; feesUsd: number | null; fees: number }[]; color: string; theme: ChartTheme; height: number }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 4 }} barCategoryGap="22%">
        <CartesianGrid vertical={false} stroke={theme.grid} />
        {xAxis(theme)}
        <YAxis {...axisProps(theme)} width={56} tickFormatter={(v: number) => usd(v)} />
        <Tooltip
          cursor={{ fill: theme.cursor }}
          content={(p: TooltipContentProps) => {
            if (!p.active || !p.payload?.length) return null
            const r = p.payload[0].payload as { periodStart: string; feesUsd: number | null; fees: number }
            return (
              <div className="chart-tooltip">
                <div className="chart-tooltip-title">{dayLongLabel(r.periodStart)}</div>
                <dl>
                  <TooltipRow color={color} label="Fees (USD)" value={r.feesUsd == null ? 'no price' : usdFull(r.feesUsd)} />
                  <TooltipRow label="Fees (native)" value={compact(r.fees)} />
                </dl>
              </div>
            )
          }}
        />
        <Legend verticalAlign="top" align="right" height={28} iconSize={10} formatter={legendFormatter} />
        <Bar dataKey="feesUsd" name="Fees (USD)" fill={color} radius={[3, 3, 0, 0]} maxBarSize={26} animationDuration={500} />
      </ComposedChart>
    </ResponsiveContainer>
  )
}
