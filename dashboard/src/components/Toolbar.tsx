/** The view controls of a page: time range, interval and (optionally) which networks; all kept in the URL. */
import { INTERVALS, RANGES, useViewState } from '../viewstate'

export function Toolbar({ networks }: { networks?: { id: string; name: string; color: string }[] }) {
  const v = useViewState()
  const selected = (id: string) => v.networks.length === 0 || v.networks.includes(id)
  const toggle = (id: string) => {
    if (!networks) return
    const cur = v.networks.length ? v.networks : networks.map((n) => n.id)
    const next = cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id]
    // all selected (or none left) = no filter
    v.setNetworks(next.length === networks.length || next.length === 0 ? [] : next)
  }
  return (
    <div className="toolbar" data-testid="toolbar">
      <div className="seg" role="group" aria-label="Time range">
        {RANGES.map((r) => (
          <button key={r.id} type="button" aria-pressed={v.range === r.id} data-range={r.id} onClick={() => v.setRange(r.id)}>
            {r.label}
          </button>
        ))}
      </div>
      <div className="seg" role="group" aria-label="Interval">
        {INTERVALS.map((i) => (
          <button key={i.id} type="button" aria-pressed={v.interval === i.id} data-interval={i.id} onClick={() => v.setInterval(i.id)}>
            {i.label}
          </button>
        ))}
      </div>
      {networks && networks.length > 1 && (
        <div className="filter-chips" role="group" aria-label="Networks shown">
          {networks.map((n) => (
            <button
              key={n.id}
              type="button"
              className="chip chip-toggle"
              aria-pressed={selected(n.id)}
              data-filter={n.id}
              style={{ '--chip': n.color } as React.CSSProperties}
              onClick={() => toggle(n.id)}
            >
              <i aria-hidden="true" />
              {n.name}
            </button>
          ))}
          {v.networks.length > 0 && (
            <button type="button" className="btn btn-quiet" data-filter="all" onClick={() => v.setNetworks([])}>
              Show all
            </button>
          )}
        </div>
      )}
    </div>
  )
}
