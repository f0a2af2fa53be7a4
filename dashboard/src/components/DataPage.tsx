/**
 * The data page (`/data`), for researchers: GraphQL queries of the view (open in GraphiQL) and downloads of the
 * datasets behind the charts (Arrow IPC, CSV, Parquet) with the view's filters from the URL.
 */
import { useMemo } from 'react'
import { fetchDataView } from '../api'
import { categoryColor } from '../colors'
import { examples, graphiqlHref } from '../examples'
import { DATASETS, EXPORT_FORMATS, exportHref, type ExportFilter } from '../exports'
import { dayKey } from '../format'
import { usePolling } from '../hooks'
import { useSearch } from '../router'
import { DAY_MS } from '../series'
import { parseViewState, RANGES } from '../viewstate'
import { ErrorState, LoadingState } from './States'
import { Toolbar } from './Toolbar'

export function DataPage() {
  const search = useSearch()
  const view = useMemo(() => parseViewState(search), [search])
  // the page the reader came from (`view=category:<id>` or `network:<id>`, set by the header's Data link)
  const from = /^(category|network):([a-z0-9-]+)$/.exec(new URLSearchParams(search).get('view') ?? '')
  const came = from ? { kind: from[1] as 'category' | 'network', id: from[2] } : undefined
  const category = came?.kind === 'category' ? came.id : null
  const narrowed = came?.kind === 'network' ? [came.id] : view.networks.length ? view.networks : null
  // the registry and the window the charts of that view draw (ending on the latest indexed day, as on the pages)
  const args = { category, networks: narrowed, days: view.days }
  const { data, error, loading, retry } = usePolling(() => fetchDataView(args), 60_000, `data:${JSON.stringify(args)}`)
  if (!data) {
    return (
      <>
        <Hero />
        {error ? <ErrorState error={error} onRetry={retry} every="60 seconds" /> : loading ? <LoadingState /> : null}
      </>
    )
  }
  const chips = data.networks.map((n) => ({ id: n.id, name: n.name, color: categoryColor(data.categories, n.category) }))
  // the view's networks: the network page's one; a category page's (narrowed by the filter when it matches any); the filter's
  const inScope = data.networks.filter((n) => category == null || n.category === category)
  const filtered = (narrowed ?? []).filter((id) => inScope.some((n) => n.id === id))
  const selected = filtered.length ? filtered : category ? inScope.map((n) => n.id) : []
  const ids = selected.length ? selected : data.networks.map((n) => n.id)
  // the window the charts draw: it ends on the latest indexed day of these networks (not today)
  const lastDay = Date.parse(data.window.to)
  const fromDay = view.days == null ? undefined : dayKey(data.window.from)
  const toDay = dayKey(data.window.to)
  // the export's `to` is exclusive: the day after the range's last day
  const filter: ExportFilter = { networks: selected.length ? selected : undefined, from: fromDay, to: view.days == null ? undefined : dayKey(new Date(lastDay + DAY_MS).toISOString()) }
  const cats = [...new Set(data.networks.filter((n) => ids.includes(n.id)).map((n) => n.category))]
  const ex = examples(ids, fromDay ? `${fromDay}T00:00:00Z` : null, cats, { days: view.days, interval: view.interval, filtered: filtered.length > 0, category, network: came?.kind === 'network' ? came.id : null })
  const rangeLabel = RANGES.find((r) => r.id === view.range)!.label
  return (
    <>
      <Hero />
      <Toolbar networks={chips} />
      <section className="card panel" aria-labelledby="exports-title">
        <header className="panel-head">
          <div>
            <h2 className="panel-title" id="exports-title">Downloads</h2>
            <p className="panel-summary">
              {selected.length ? `${selected.length} of ${data.networks.length} networks` : `All ${data.networks.length} networks`} ·{' '}
              {view.days == null ? 'everything indexed' : `${rangeLabel}: ${fromDay} – ${toDay} (UTC)`}. Arrow IPC for pandas/polars/DuckDB, CSV for spreadsheets, Parquet for warehouses.
            </p>
          </div>
        </header>
        <div className="table-wrap table-wrap-flat">
          <table className="data-table" data-testid="exports">
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col">Contents</th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {DATASETS.map((d) => (
                <tr key={d.id} data-dataset={d.id}>
                  <th scope="row">
                    {d.name}
                    <code className="dataset-id">{d.id}</code>
                  </th>
                  <td>{d.what}</td>
                  <td className="nowrap">
                    {EXPORT_FORMATS.map((f) => (
                      <a key={f.id} className="btn btn-quiet" href={exportHref(d.id, f.id, filter)} download data-export={f.id}>
                        {f.label}
                      </a>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="panel-foot">
          Same data over HTTP: <code>GET /export/&lt;dataset&gt;.&lt;arrow|csv|parquet&gt;?network=&amp;category=&amp;from=&amp;to=</code>.
        </p>
      </section>
      <section className="card panel" aria-labelledby="gql-title">
        <header className="panel-head">
          <div>
            <h2 className="panel-title" id="gql-title">GraphQL</h2>
            <p className="panel-summary">
              The queries behind this view. Open one in GraphiQL to run and edit it; every field is documented in GraphiQL's explorer, every
              metric in the repository's docs/methodology.md.
            </p>
          </div>
        </header>
        <div className="examples" data-testid="examples">
          {ex.map((e) => (
            <article key={e.id} className="example" data-example={e.id}>
              <div className="example-head">
                <div>
                  <h3>{e.title}</h3>
                  <p>{e.what}</p>
                </div>
                <a className="btn" href={graphiqlHref(e.query)} target="_blank" rel="noopener" data-graphiql={e.id}>
                  Open in GraphiQL
                </a>
              </div>
              <pre>
                <code>{e.query}</code>
              </pre>
            </article>
          ))}
        </div>
      </section>
    </>
  )
}

function Hero() {
  return (
    <section className="hero">
      <div>
        <h1>Data</h1>
        <div className="hero-meta">
          <span className="hero-range">Query the API or download the datasets behind every chart.</span>
        </div>
      </div>
    </section>
  )
}
