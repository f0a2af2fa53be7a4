import type { ChainStatus } from '../api'
import { capacityUnitLabel, capacityValue, compact, duration, int, pct, token, usd } from '../format'
import { useNow } from '../hooks'
import type { Totals } from '../model'

interface CardProps {
  label: string
  testId: string
  /** the raw number behind `display` (data-value, for tests and copy); null = unknown, shown as an empty data-value */
  value: number | null
  display: string
  sub?: React.ReactNode
  accent: string
  /** relative change vs the previous period (0.12 = +12%); null = nothing to compare with */
  change?: number | null
  /** what the change compares with, for its tooltip */
  changeLabel?: string
  /** the previous period is only partly indexed: no change is shown, and the card says why */
  partial?: boolean
}

/** `▲ 12.3%` in green / `▼ 4.0%` in red, with the raw ratio in data-value. */
export function Change({ value, label, partial }: { value: number | null | undefined; label?: string; partial?: boolean }) {
  if (partial) {
    const why = `${label ?? 'the previous period'} not fully indexed: no change shown`
    return (
      <span className="change change-none" data-change="" data-partial="true" title={why}>
        <span aria-hidden="true">– partial</span>
        <span className="sr-only">{why}</span>
      </span>
    )
  }
  if (value == null || !Number.isFinite(value)) return <span className="change change-none" data-change="" title={label ? `no ${label} to compare with` : undefined}>–</span>
  const tone = value > 0 ? 'up' : value < 0 ? 'down' : 'flat'
  return (
    <span className={`change change-${tone}`} data-change={String(value)} title={label ? `vs ${label}` : undefined}>
      <span aria-hidden="true">{value > 0 ? '▲' : value < 0 ? '▼' : '•'}</span> {pct(value)}
      {label && <span className="sr-only"> vs {label}</span>}
    </span>
  )
}

/** A headline card: label, formatted value (raw number in data-value), optional line below. Used by every page. */
export function MetricCard({ label, testId, value, display, sub, accent, change, changeLabel, partial }: CardProps) {
  return (
    <article className="card metric" style={{ '--accent': accent } as React.CSSProperties}>
      <h2 className="card-label">{label}</h2>
      <p className="card-value-line">
        <span className="card-value" data-testid={testId} data-value={value == null ? '' : String(value)} title={value == null ? undefined : String(value)}>
          {display}
        </span>
        {change !== undefined && <Change value={change} label={changeLabel} partial={partial} />}
      </p>
      {sub && <p className="card-sub">{sub}</p>}
    </article>
  )
}

export function MetricCards({ totals, feeAsset, token: tokenSymbol }: { totals: Totals; feeAsset: string; token: string }) {
  const perDay = (n: number) => (totals.days ? n / totals.days : 0)
  if (totals.days === 0) {
    const none = 'no data yet'
    return (
      <>
        <MetricCard label={`Fees (${feeAsset})`} testId="card-fees-eth" value={0} display="–" accent="var(--c-fees)" sub={none} />
        <MetricCard label={`Rewards (${tokenSymbol})`} testId="card-rewards-lpt" value={0} display="–" accent="var(--c-rewards)" sub={none} />
      </>
    )
  }
  return (
    <>
      <MetricCard
        label={`Fees (${feeAsset})`}
        testId="card-fees-eth"
        value={totals.fees}
        display={token(totals.fees, feeAsset)}
        accent="var(--c-fees)"
        sub={<>avg {token(perDay(totals.fees), feeAsset)}/day · {int(totals.feeCount)} fee events</>}
      />
      <MetricCard
        label={`Rewards (${tokenSymbol})`}
        testId="card-rewards-lpt"
        value={totals.rewards}
        display={token(totals.rewards, tokenSymbol)}
        accent="var(--c-rewards)"
        sub={<>avg {compact(perDay(totals.rewards))}/day · {int(totals.rewardCount)} reward events</>}
      />
    </>
  )
}

function syncState(s: ChainStatus): { label: string; tone: 'ok' | 'warn' | 'muted' } {
  if (s.height == null) return { label: 'Starting', tone: 'muted' }
  if (s.lag == null) return { label: 'Head unknown', tone: 'warn' }
  if (s.lag <= 2) return { label: 'Synced', tone: 'ok' }
  return { label: 'Catching up', tone: 'warn' }
}

/** Indexer progress on the network's chain; the age of the last block ticks between polls. */
export function StatusCard({ status, fetchedAt }: { status?: ChainStatus; fetchedAt?: number }) {
  const now = useNow(1000)
  if (!status) {
    return (
      <article className="card status">
        <h2 className="card-label">Indexer</h2>
        <p className="card-value muted">–</p>
        <p className="card-sub">no chain reported</p>
      </article>
    )
  }
  // the API caches the chain head for a second: it can trail a block the indexer has already written
  const head = status.head != null && status.height != null ? Math.max(status.head, status.height) : status.head
  const st = syncState(status)
  const age = status.lagSeconds != null && fetchedAt != null ? status.lagSeconds + Math.max(0, now - fetchedAt) / 1000 : null
  const pct = status.height != null && head ? Math.min(100, (status.height / head) * 100) : 0
  return (
    <article className="card status">
      <h2 className="card-label">
        Indexer · {status.name}
        <span className={`pill pill-${st.tone}`}>{st.label}</span>
      </h2>
      <p className="card-value">
        <span data-testid="status-height" data-value={status.height == null ? '' : String(status.height)}>
          {status.height == null ? '–' : int(status.height)}
        </span>
        <span className="of">
          {' / '}
          <span data-testid="status-head" data-value={head == null ? '' : String(head)}>
            {head == null ? '?' : int(head)}
          </span>
        </span>
      </p>
      <div className="progress" role="progressbar" aria-label="Indexed share of the chain" aria-valuenow={Math.round(pct)} aria-valuemin={0} aria-valuemax={100}>
        <div style={{ width: `${pct}%` }} />
      </div>
      <p className="card-sub">
        lag{' '}
        <span data-testid="status-lag" data-value={status.lag == null ? '' : String(status.lag)}>
          {status.lag == null ? '?' : int(status.lag)}
        </span>{' '}
        {status.lag === 1 ? 'block' : 'blocks'} · last block {age == null ? '–' : `${duration(age)} ago`}
      </p>
    </article>
  )
}

/** Capacity of a view, one line per capacity unit (units are never added together). */
export function CapacityCard({ capacity, previous, changeLabel, partial }: { capacity: { unit: string; value: number }[]; previous: { unit: string; value: number }[]; changeLabel?: string; partial?: boolean }) {
  return (
    <article className="card metric" style={{ '--accent': '#0ea5e9' } as React.CSSProperties}>
      <h2 className="card-label">Capacity</h2>
      {capacity.length === 0 ? (
        <p className="card-value muted" data-testid="card-capacity">–</p>
      ) : (
        <ul className="capacity-list" data-testid="card-capacity">
          {capacity.map((c) => {
            const p = previous.find((x) => x.unit === c.unit)
            return (
              <li key={c.unit} data-unit={c.unit} data-value={String(c.value)}>
                <strong>{capacityValue(c.value, c.unit)}</strong> {capacityUnitLabel(c.unit)}{' '}
                <Change value={p && p.value ? (c.value - p.value) / p.value : null} label={changeLabel} partial={partial} />
              </li>
            )
          })}
        </ul>
      )}
      <p className="card-sub">registered, at the end of the range</p>
    </article>
  )
}
