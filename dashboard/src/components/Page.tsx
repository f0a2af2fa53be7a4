/** The frame every data page shares: its hero (breadcrumbs, title, chips, freshness) and its data states. */
import { dayLabel } from '../format'
import type { PollState } from '../hooks'
import type { IntervalId } from '../viewstate'
import { Freshness } from './Freshness'
import { ErrorState, LoadingState, StaleBanner } from './States'

/** Title block of a page: breadcrumbs, heading, chips (`meta`) and the live indicator. */
export function PageHero(p: { crumbs?: React.ReactNode; title: React.ReactNode; meta?: React.ReactNode; fetchedAt?: number; error?: Error; updating?: boolean }) {
  return (
    <section className="hero">
      <div>
        {p.crumbs && (
          <nav className="crumbs" aria-label="Breadcrumb">
            {p.crumbs}
          </nav>
        )}
        <h1>{p.title}</h1>
        <div className="hero-meta">
          {p.meta}
          {p.updating && (
            <span className="chip chip-plain" role="status" data-testid="updating">
              Updating…
            </span>
          )}
        </div>
      </div>
      <Freshness fetchedAt={p.fetchedAt} error={p.error} />
    </section>
  )
}

/** "Oct 31 – Nov 29 (UTC) · 30 days by day", with a note when the interval asked for is too fine to draw. */
export function RangeLabel({ window: w, interval, asked }: { window: { from: number; to: number; span: number }; interval: IntervalId; asked: IntervalId }) {
  return (
    <span className="hero-range" data-testid="range-label">
      {dayLabel(new Date(w.from).toISOString())} – {dayLabel(new Date(w.to).toISOString())} (UTC) · {w.span} days by {interval}
      {interval !== asked && ` (too many ${asked}s to draw)`}
    </span>
  )
}

/**
 * The states of a polled view: its content once there is data (with a banner while polls fail), else the error or
 * the loading skeleton. `every` names the polling period in the messages.
 */
export function PollView<T>({ poll, every, children }: { poll: PollState<T>; every: { short: string; long: string }; children: (data: T) => React.ReactNode }) {
  const { data, error, fetchedAt, loading, retry } = poll
  return (
    <>
      {data !== undefined && error && <StaleBanner error={error} fetchedAt={fetchedAt} every={every.short} />}
      {data !== undefined ? children(data) : error ? <ErrorState error={error} onRetry={retry} every={every.long} /> : loading ? <LoadingState /> : null}
    </>
  )
}
