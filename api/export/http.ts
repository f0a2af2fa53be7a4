/**
 * GET /export/<dataset>.<csv|arrow|parquet>?network=&category=&from=&to=&provider=
 * Datasets: the tables' (datasets.ts, one COPY each) and the derived ones (derived.ts: daily_metrics).
 * Unknown dataset or format: 404; bad parameter: 400 naming it; too many exports at once: 429 with
 * Retry-After; a query failing before the first byte: 503. Once streaming has begun an error can only
 * abort the transfer (the client sees a truncated response).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { componentLogger } from '../../common/logger'
import type { ApiMetrics } from '../observability'
import type { SeriesSource } from '../series-memo'
import { datasetById, datasets } from './datasets'
import { derivedDatasetById, derivedDatasets, openDerivedExport } from './derived'
import { openExport } from './export'
import { FilterError, parseFilters } from './filters'
import { contentTypes, formats, type Format } from './formats'

const log = componentLogger('export')

const json = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body))
}

export function createExportHandler(opts: { pool: pg.Pool; maxConcurrent: number; metrics: ApiMetrics; series?: SeriesSource }) {
  let active = 0
  return async function handleExport(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed', message: 'exports are read with GET' }, { allow: 'GET, HEAD' })
    const m = /^\/export\/([^/]+)\.([^./]+)$/.exec(url.pathname)
    const id = m ? decodeURIComponent(m[1]) : ''
    const dataset = datasetById(id) ?? derivedDatasetById(id)
    if (!m || !dataset) {
      return json(res, 404, { error: 'not found', message: `unknown dataset; GET /export/<dataset>.<format> with dataset one of ${[...datasets, ...derivedDatasets].map((d) => d.id).join(', ')}` })
    }
    const format = m[2] as Format
    if (!formats.includes(format)) return json(res, 404, { error: 'not found', message: `unknown format "${m[2]}"; one of ${formats.join(', ')}` })
    let filters
    try {
      filters = parseFilters(url.searchParams, dataset)
    } catch (e) {
      if (e instanceof FilterError) return json(res, 400, { error: 'bad request', parameter: e.parameter, message: e.message })
      throw e
    }
    if (active >= opts.maxConcurrent) {
      opts.metrics.rateLimited.inc({ route: 'export' })
      return json(res, 429, { error: 'too many requests', message: `${opts.maxConcurrent} exports are running (EXPORT_MAX_CONCURRENT); retry shortly` }, { 'retry-after': '5' })
    }
    active++
    opts.metrics.exportsActive.inc()
    const labels = { dataset: dataset.id, format }
    try {
      let exp
      try {
        exp = 'from' in dataset
          ? await openExport(opts.pool, { dataset, format, filters })
          : await openDerivedExport({ pool: opts.pool, series: opts.series }, { dataset, format, filters })
      } catch (e) {
        const code = (e as { code?: string }).code
        log.warn({ err: (e as Error).message, code, dataset: dataset.id }, 'export query failed')
        const message = code === '57014' ? 'export query cancelled by the statement timeout; narrow it (network, from/to)' : 'database unavailable or export query failed, try again shortly'
        return json(res, 503, { error: 'service unavailable', message }, { 'retry-after': '5' })
      }
      const name = [dataset.id, ...(filters.networks ?? []), filters.category, filters.from && `from-${filters.from.toISOString().slice(0, 10)}`, filters.to && `to-${filters.to.toISOString().slice(0, 10)}`]
        .filter(Boolean).join('_')
      res.writeHead(200, {
        'content-type': contentTypes[format],
        'content-disposition': `attachment; filename="depin-${name}.${format}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      if (req.method === 'HEAD') {
        exp.close()
        res.end()
        return
      }
      let sentBytes = 0
      let sentRows = 0
      const count = () => {
        opts.metrics.exportBytes.inc(labels, exp.stats.bytes - sentBytes)
        opts.metrics.exportRows.inc(labels, exp.stats.rows - sentRows)
        sentBytes = exp.stats.bytes
        sentRows = exp.stats.rows
      }
      try {
        await pipeline(Readable.from(exp.chunks, { objectMode: false }), res)
        log.info({ ...labels, rows: exp.stats.rows, bytes: exp.stats.bytes }, 'export sent')
      } catch (e) {
        log.warn({ ...labels, rows: exp.stats.rows, err: (e as Error).message }, 'export aborted')
        res.destroy()
      } finally {
        exp.close()
        count()
      }
    } finally {
      active--
      opts.metrics.exportsActive.dec()
    }
  }
}
