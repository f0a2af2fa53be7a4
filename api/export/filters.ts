/** Query parameters of an export, validated with zod: a bad one is a 400 naming the parameter. */
import { z } from 'zod'
import { ISO_DATE_HINT, parseIsoDate } from '../dates'
import { categoryIds, networkIds, type Dataset, type ExportFilters } from './datasets'

export class FilterError extends Error {
  constructor(public readonly parameter: string, message: string) {
    super(`${parameter}: ${message}`)
    this.name = 'FilterError'
  }
}

const date = (name: string) =>
  z.string().refine((v) => parseIsoDate(v) != null, `${name} must be ${ISO_DATE_HINT}`).transform((v) => parseIsoDate(v)!)

const schema = z.strictObject({
  network: z.string().transform((v) => v.split(',')).pipe(z.array(z.enum(networkIds as [string, ...string[]], { error: `unknown network; one of ${networkIds.join(', ')} (comma-separated for several)` })).min(1)).optional(),
  category: z.enum(categoryIds as [string, ...string[]], { error: `unknown category; one of ${categoryIds.join(', ')}` }).optional(),
  from: date('from').optional(),
  to: date('to').optional(),
  // EVM addresses (any case) or provider ids of other chains: letters, digits and a few separators
  provider: z.string().regex(/^[A-Za-z0-9_.:\/-]{1,128}$/, 'provider must be an address (0x...) or a provider id (letters, digits, _ . : / -; at most 128)').optional(),
})

/** Parses the query string of an export; throws FilterError naming the first bad parameter. */
export function parseFilters(params: URLSearchParams, dataset: Pick<Dataset, 'id' | 'provider'>): ExportFilters {
  const raw: Record<string, string> = {}
  for (const [k, v] of params) {
    if (k in raw) throw new FilterError(k, 'given more than once (use a comma-separated list for several networks)')
    raw[k] = v
  }
  const r = schema.safeParse(raw)
  if (!r.success) {
    const issue = r.error.issues[0]
    if (issue.code === 'unrecognized_keys') {
      throw new FilterError(issue.keys[0], `unknown parameter; the filters are network, category, from, to, provider`)
    }
    throw new FilterError(String(issue.path[0]), issue.message)
  }
  const f = r.data
  if (f.from && f.to && f.from >= f.to) throw new FilterError('to', `must be after from (${f.from.toISOString()} >= ${f.to.toISOString()})`)
  if (f.provider && !dataset.provider) throw new FilterError('provider', `dataset ${dataset.id} has no provider column`)
  const provider = f.provider && /^0x[0-9a-fA-F]{40}$/.test(f.provider) ? f.provider.toLowerCase() : f.provider
  return { networks: f.network, category: f.category, from: f.from, to: f.to, provider }
}
