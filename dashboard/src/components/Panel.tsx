import { useId, useState } from 'react'

/** A chart card: title, summary, the chart, and a "Show table" toggle revealing its text alternative. */
export function ChartPanel(props: {
  name: 'fees' | 'rewards'
  title: string
  summary: React.ReactNode
  chartLabel: string
  chart: React.ReactNode
  table: (id: string) => React.ReactNode
  footnote?: React.ReactNode
}) {
  const [open, setOpen] = useState(false)
  const tableId = useId()
  return (
    <section className="card panel" aria-labelledby={`${tableId}-title`}>
      <header className="panel-head">
        <div>
          <h2 className="panel-title" id={`${tableId}-title`}>{props.title}</h2>
          <p className="panel-summary">{props.summary}</p>
        </div>
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
      </header>
      <div className="chart" data-testid={`chart-${props.name}`} role="img" aria-label={props.chartLabel}>
        {props.chart}
      </div>
      {props.footnote && <p className="panel-foot">{props.footnote}</p>}
      {open && props.table(tableId)}
    </section>
  )
}
