import { duration } from '../format'
import { useNow } from '../hooks'

/** "Live · updated 3s ago", or "Offline" after a failed poll. */
export function Freshness({ fetchedAt, error }: { fetchedAt?: number; error?: Error }) {
  const now = useNow(1000)
  if (!fetchedAt) return null
  return (
    <span className={`live ${error ? 'live-stale' : ''}`} title={`Last refresh ${new Date(fetchedAt).toLocaleTimeString()}`}>
      <i aria-hidden="true" />
      {error ? 'Offline' : 'Live'} · updated {duration(Math.max(0, (now - fetchedAt) / 1000))} ago
    </span>
  )
}
