/** Loading, empty and error states: designed placeholders, never a blank page. */
import type { ChainStatus } from '../api'
import { int } from '../format'

export function LoadingState() {
  return (
    <div className="stack" data-testid="loading" aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading data…</span>
      <div className="cards">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="card skeleton-card" aria-hidden="true">
            <div className="sk sk-label" />
            <div className="sk sk-value" />
            <div className="sk sk-sub" />
          </div>
        ))}
      </div>
      {[0, 1].map((i) => (
        <div key={i} className="card panel" aria-hidden="true">
          <div className="sk sk-label" />
          <ChartSkeleton />
        </div>
      ))}
    </div>
  )
}

export function ChartSkeleton() {
  // deterministic pseudo-random bar heights
  const bars = Array.from({ length: 30 }, (_, i) => 30 + ((i * 37) % 55))
  return (
    <div className="chart-skeleton" aria-hidden="true">
      {bars.map((h, i) => (
        <span key={i} style={{ height: `${h}%` }} />
      ))}
    </div>
  )
}

/** The place of a section that renders in a moment, after the page's headline chart (PaintOrder): no motion. */
export function SectionPlaceholder({ name, table }: { name: string; table?: boolean }) {
  return (
    <section className={`card panel section-placeholder ${table ? 'section-placeholder-table' : ''}`} aria-hidden="true" data-placeholder={name}>
      <div className="sk sk-label" />
    </section>
  )
}

/**
 * Nothing to draw yet: why (the network's chain status; on the market pages, how many chains are synced) and how
 * often the page looks again (`everyMs`: the page's own polling period).
 */
export function EmptyState({ status, chains, what = 'fee or reward event', everyMs }: { status?: ChainStatus; chains?: ChainStatus[]; what?: string; everyMs: number }) {
  const syncing = status?.height != null && status.lag != null && status.lag > 2
  const synced = chains?.filter((c) => c.height != null && c.lag != null && c.lag <= 2).length ?? 0
  return (
    <div className="card state" data-testid="empty">
      <svg className="state-icon" viewBox="0 0 48 48" aria-hidden="true">
        <rect x="6" y="26" width="7" height="14" rx="1.5" />
        <rect x="17" y="18" width="7" height="22" rx="1.5" />
        <rect x="28" y="30" width="7" height="10" rx="1.5" />
        <rect x="39" y="12" width="3" height="28" rx="1.5" opacity=".35" />
      </svg>
      <h2>No data indexed yet</h2>
      {chains ? (
        <p data-testid="empty-indexer">
          The indexer has caught up on {int(synced)} of {int(chains.length)} chains
          {chains.length > synced ? ` (${chains.filter((c) => !(c.height != null && c.lag != null && c.lag <= 2)).map((c) => c.name).join(', ')} still syncing)` : ''}; nothing of this {what} has been indexed yet.
        </p>
      ) : (
      <p>
        {status?.height == null
          ? 'The indexer has not written its first batch. Daily fees and rewards appear here as soon as it does.'
          : syncing
            ? `The indexer is at block ${int(status.height)} of ${status.head == null ? '?' : int(status.head)} and has not reached any ${what} yet.`
            : `The indexer is synced but no ${what} of this network has been seen.`}
      </p>
      )}
      <p className="state-hint">This page refreshes every {everyMs % 1000 === 0 ? everyMs / 1000 : (everyMs / 1000).toFixed(1)} seconds.</p>
    </div>
  )
}

export function ErrorState({ error, onRetry, every = '5 seconds' }: { error: Error; onRetry: () => void; every?: string }) {
  return (
    <div className="card state state-error" role="alert" data-testid="error">
      <svg className="state-icon" viewBox="0 0 48 48" aria-hidden="true">
        <circle cx="24" cy="24" r="18" fill="none" strokeWidth="3" />
        <path d="M24 14v12M24 32v1" strokeWidth="3.5" strokeLinecap="round" />
      </svg>
      <h2>Can't load data from the API</h2>
      <p className="error-message">{error.message}</p>
      <p className="state-hint">Retrying every {every}.</p>
      <button type="button" className="btn" onClick={onRetry}>
        Retry now
      </button>
    </div>
  )
}

export function StaleBanner({ error, fetchedAt, every = '5 s' }: { error: Error; fetchedAt?: number; every?: string }) {
  const at = fetchedAt ? new Date(fetchedAt).toLocaleTimeString('en-US', { hour12: false }) : undefined
  return (
    <div className="banner" role="alert" data-testid="error">
      <strong>Connection problem.</strong> <span className="error-message">{error.message}</span>{' '}
      {at && <span>Showing data from {at}; retrying every {every}.</span>}
    </div>
  )
}
