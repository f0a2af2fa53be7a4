/**
 * Download links of the API's export endpoint (`GET /export/{dataset}.{arrow|csv|parquet}`, api/ export routes):
 * the data behind a chart, with the view's filters. Charts link `daily_metrics`, the derived daily metrics they draw
 * (GraphQL networkMetrics), with the networks they show.
 */
export const EXPORT_FORMATS = [
  { id: 'csv', label: 'CSV' },
  { id: 'arrow', label: 'Arrow' },
  { id: 'parquet', label: 'Parquet' },
] as const

export const DATASETS = [
  {
    id: 'daily_metrics',
    name: 'Daily metrics',
    what: 'the numbers the charts draw, per network and UTC day: price, market cap, FDV, fees and incentives in USD, P/F, demand/rewards, supply, capacity, utilization, providers',
  },
  { id: 'daily_stats', name: 'Daily rollups', what: 'the raw rollups per network and UTC day in base units: fees (gross, refunds apart), rewards, mints, burns, capacity and lease changes' },
  { id: 'hourly_stats', name: 'Hourly rollups', what: 'the same per hour' },
  { id: 'events', name: 'Economic facts', what: 'normalized facts (fee paid, reward emitted, lease opened...) with block, tx and log' },
  { id: 'raw_events', name: 'Raw events', what: 'decoded logs of the watched contracts, verbatim' },
  { id: 'leases', name: 'Leases', what: 'leases with their provider, payer, start, end and price' },
  { id: 'providers', name: 'Providers', what: 'providers with their first and last activity' },
] as const
export type DatasetId = (typeof DATASETS)[number]['id']

export interface ExportFilter {
  networks?: string[]
  category?: string
  /** UTC day, YYYY-MM-DD, inclusive */
  from?: string
  /** UTC day, YYYY-MM-DD, exclusive (the export endpoint's `to`) */
  to?: string
}

export function exportHref(dataset: DatasetId, format: string, f: ExportFilter): string {
  const q = new URLSearchParams()
  if (f.networks?.length) q.set('network', f.networks.join(','))
  if (f.category) q.set('category', f.category)
  if (f.from) q.set('from', f.from)
  if (f.to) q.set('to', f.to)
  const s = q.toString().replace(/%2C/g, ',')
  return `/export/${dataset}.${format}${s ? `?${s}` : ''}`
}

export function exportLinks(dataset: DatasetId, f: ExportFilter) {
  return EXPORT_FORMATS.map((x) => ({ label: x.label, href: exportHref(dataset, x.id, f) }))
}
