/**
 * The API requests of the pages (relative /graphql: the API serves the dashboard on the same origin). Each view
 * makes one request per poll: the registry, categories, indexer status and every time series it draws.
 */
import type { MarketLevels as MarketLevelsOf, MarketSeriesNetwork as MarketSeriesNetworkOf } from '../../common/market'

export interface Network {
  id: string
  name: string
  category: string
  chain: string
  chainId: number
  tokenSymbol: string
  tokenDecimals: number
  feeAsset: string
  feeAssetDecimals: number
}

export interface Category {
  id: string
  name: string
  /** colour of the category on every chart and chip (from the registry, indexer/registry/categories.ts) */
  color: string
  networks: { id: string; name: string }[]
}

export interface ChainStatus {
  chain: string
  chainId: number
  name: string
  height: number | null
  head: number | null
  lag: number | null
  lagSeconds: number | null
  timestamp: string | null
}

/** One day of `networkStats` (rollup in native units). */
export interface DayStat {
  periodStart: string
  fees: number
  feesUsd: number
  feesNative: string
  rewards: number
  rewardsNative: string
  feeCount: number
  rewardCount: number
  protocolTake: number
  minted: number
  burned: number
  leasesOpened: number
  leasesClosed: number
  nodesRegistered: number
  nodesDeregistered: number
}

/** One day of `networkMetrics` (derived metrics, docs/methodology.md). */
export interface MetricsRow {
  periodStart: string
  price: number | null
  marketCap: number | null
  fdv: number | null
  fees: number
  feesUsd: number | null
  protocolRevenueUsd: number | null
  incentives: number
  incentivesUsd: number | null
  earningsUsd: number | null
  demandRewardsRatio30d: number | null
  annualizedFeesUsd: number | null
  pf: number | null
  totalSupply: number
  circulatingSupply: number
  netIssuance: number
  capacity: number
  capacityUnit: string | null
  activeLeases: number
  utilization: number | null
  activeProviders: number | null
  newProviders: number | null
  churnedProviders: number | null
}

export class ApiError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message)
    this.name = 'ApiError'
  }
}

/** One POST to /graphql; fails with an ApiError (unreachable, timeout, HTTP error, GraphQL errors, no data). */
export async function gql<T>(query: string, variables: Record<string, unknown>, timeoutMs = 15_000): Promise<T> {
  let res: Response
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'TimeoutError') throw new ApiError(`The API did not answer within ${timeoutMs / 1000} s.`)
    throw new ApiError('The API cannot be reached (network error).')
  }
  let body: { data?: T; errors?: { message: string }[] } | undefined
  try {
    body = await res.json()
  } catch {
    body = undefined
  }
  if (!res.ok) {
    const detail = body?.errors?.[0]?.message
    throw new ApiError(`The API answered HTTP ${res.status}${detail ? `: ${detail}` : ''}.`, res.status)
  }
  if (body?.errors?.length) throw new ApiError(`The API returned an error: ${body.errors.map((e) => e.message).join('; ')}`)
  if (!body?.data) throw new ApiError('The API returned no data.')
  return body.data
}

// ---------- networks known to the app (header navigation, aliases of the market query) ----------

export interface NavNetwork {
  id: string
  name: string
  category?: string
}

/** Registry ids served by the API today; replaced by the API's own list after the first answer. */
const DEFAULT_NETWORKS: NavNetwork[] = [
  { id: 'aethir', name: 'Aethir' },
  { id: 'akash', name: 'Akash' },
  { id: 'dimo', name: 'DIMO' },
  { id: 'filecoin', name: 'Filecoin' },
  { id: 'geodnet', name: 'GEODNET' },
  { id: 'helium', name: 'Helium' },
  { id: 'iotex-ioid', name: 'IoTeX ioID' },
  { id: 'livepeer', name: 'Livepeer' },
  { id: 'spheron', name: 'Spheron' },
  { id: 'thegraph', name: 'The Graph' },
]

let known: NavNetwork[] = DEFAULT_NETWORKS
let knownFromApi = false
const listeners = new Set<() => void>()

export function rememberNetworks(list: NavNetwork[]): void {
  const next = list.map(({ id, name, category }) => ({ id, name, category }))
  if (knownFromApi && JSON.stringify(next) === JSON.stringify(known)) return
  known = next
  knownFromApi = true
  for (const l of listeners) l()
}
export const knownNetworks = () => known
export function subscribeNetworks(cb: () => void): () => void {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

// ---------- queries ----------

const REGISTRY_FIELDS = `
  networks { id name category chain chainId tokenSymbol tokenDecimals feeAsset feeAssetDecimals }
  categories { id name color networks { id name } }
  indexerStatus { chain chainId name height head lag lagSeconds timestamp }`

const NETWORK_FIELDS = `periodStart price marketCap fdv fees feesUsd protocolRevenueUsd incentives incentivesUsd earningsUsd
  demandRewardsRatio30d annualizedFeesUsd pf totalSupply circulatingSupply netIssuance capacity capacityUnit activeLeases utilization
  activeProviders newProviders churnedProviders`

const STAT_FIELDS = `periodStart fees feesUsd feesNative rewards rewardsNative feeCount rewardCount protocolTake minted burned
  leasesOpened leasesClosed nodesRegistered nodesDeregistered`

export interface Registry {
  networks: Network[]
  categories: Category[]
  indexerStatus: ChainStatus[]
}

/**
 * Days per request slice. A series query returns at most API_MAX_LIMIT periods (1000 by default), so longer windows
 * are asked for in consecutive slices under aliases of the same request.
 */
export const SLICE_DAYS = 1000
/** Slices of a window without a start (`all`): back to 4 × SLICE_DAYS days (11 years) before today. */
const ALL_SLICES = 4
const DAY_MS = 86_400_000

/** [from, to] bounds (ISO, inclusive; null = open) of consecutive slices covering `from` (null = all) to now, newest last. */
export function slices(from: string | null, now = Date.now()): { from: string | null; to: string | null }[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS
  const start = from == null ? today - (ALL_SLICES * SLICE_DAYS - 1) * DAY_MS : Date.parse(from)
  const out: { from: string | null; to: string | null }[] = []
  for (let a = start; a <= today; a += SLICE_DAYS * DAY_MS) {
    const b = a + SLICE_DAYS * DAY_MS
    out.push({ from: new Date(a).toISOString(), to: b > today ? null : new Date(b - 1).toISOString() })
  }
  if (from == null) out[0].from = null
  return out
}

// ---------- market views (overview, category): aggregated on the server (api/market-series.ts) ----------

export type { MarketColumns } from '../../common/market'
/** Levels of a network on a day (its latest daily row at or before it); times as GraphQL sends them. */
export type MarketLevels = MarketLevelsOf<string>
export type MarketSeriesNetwork = MarketSeriesNetworkOf<string>

/** The `marketSeries` answer (changed: true): the window, the drawn interval, its buckets and the networks in view. */
export interface MarketSeries {
  version: string
  window: { from: string; to: string; prevFrom: string; days: number; hasPrevious: boolean; previousPartial: boolean }
  interval: 'DAY' | 'WEEK' | 'MONTH'
  periods: string[]
  periodDays: number[]
  networks: MarketSeriesNetwork[]
}

export interface MarketData extends Registry {
  market: MarketSeries
}

const LEVELS = 'periodStart price marketCap fdv annualizedFeesUsd pf demandRewardsRatio30d capacity capacityUnit'

/** The market views' one request: the registry and the view's `marketSeries` (nothing but its version while unchanged). */
export const MARKET_QUERY = `query Market($category: ID, $networks: [ID!], $days: Int, $interval: SeriesInterval, $ifNoneMatch: String) {${REGISTRY_FIELDS}
  market: marketSeries(category: $category, networks: $networks, days: $days, interval: $interval, ifNoneMatch: $ifNoneMatch) {
    version changed
    window { from to prevFrom days hasPrevious previousPartial }
    interval periods periodDays
    networks {
      network feesUsd incentivesUsd previousFeesUsd previousIncentivesUsd
      latest { ${LEVELS} }
      previous { ${LEVELS} }
      series { marketCap feesUsd incentivesUsd capacity activeLeases utilization }
    }
  }
}`

export interface MarketArgs {
  /** the category page's category; none on the overview */
  category?: string
  /** the URL's network filter (unknown ids are dropped) */
  networks: string[]
  /** days of the range; null = all */
  days: number | null
  interval: 'day' | 'week' | 'month'
}

/** The market request exactly as the pages send it (also used by the API benchmark). */
export function marketRequest(args: MarketArgs, ifNoneMatch?: string) {
  const known = new Set(knownNetworks().map((n) => n.id))
  const networks = args.networks.filter((id) => known.has(id))
  return {
    query: MARKET_QUERY,
    variables: { category: args.category ?? null, networks: networks.length ? networks : null, days: args.days, interval: args.interval.toUpperCase(), ifNoneMatch: ifNoneMatch ?? null },
  }
}

/** A market view without networks (today's day, nothing in it). */
function emptyMarket(): MarketSeries {
  const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS).toISOString()
  return { version: '', window: { from: today, to: today, prevFrom: today, days: 1, hasPrevious: false, previousPartial: false }, interval: 'DAY', periods: [], periodDays: [], networks: [] }
}

/**
 * One request per poll. With the previous answer, asks only for a change: while the view's data is unchanged the
 * API answers with its version alone and the previous `market` object is kept as it is (same identity: nothing
 * derived from it is recomputed or redrawn).
 */
export async function fetchMarket(args: MarketArgs, prev?: MarketData, timeoutMs = 15_000): Promise<MarketData> {
  const { query, variables } = marketRequest(args, prev?.market.version)
  let raw: Registry & { market: MarketSeries & { changed: boolean } }
  try {
    raw = await gql(query, variables, timeoutMs)
  } catch (e) {
    if (args.category != null) {
      // a category the API does not know (a stale link): the registry alone, so the page can say so
      const registry = await fetchRegistry(timeoutMs)
      if (!registry.categories.some((c) => c.id === args.category)) return { ...registry, market: emptyMarket() }
    }
    if (knownFromApi || !variables.networks) throw e
    // the built-in list may name a network this API does not serve: learn the API's list, then ask again
    await fetchRegistry(timeoutMs)
    const again = marketRequest(args, prev?.market.version)
    raw = await gql(again.query, again.variables, timeoutMs)
  }
  rememberNetworks(raw.networks)
  const { changed, ...market } = raw.market
  return { networks: raw.networks, categories: raw.categories, indexerStatus: raw.indexerStatus, market: changed || !prev ? market : prev.market }
}

/** A provider entity (lifetime figures since indexing began). */
export interface ProviderRow {
  address: string
  feesNative: string
  rewardsNative: string
  leasesOpened: number
  leasesClosed: number
  capacity: string
  unit: string | null
  firstSeen: string
  lastSeen: string
}

/** A closed lease (Lease entity). */
export interface LeaseRow {
  openedAt: string | null
  closedAt: string | null
  price: string | null
  priceAsset: string | null
  priceDecimals: number | null
  priceUnit: string | null
}

/** Closed leases fetched for the median duration and price (the latest this many in the window). */
export const LEASE_SAMPLE = 1000

/** Resources of a network's open leases (where the chain gives them: Akash). */
export interface LeasedResources {
  openLeases: number
  withResources: number
  cpu: number
  memoryBytes: string
  storageBytes: string
  gpus: number
  gpusByModel: { model: string; gpus: number; leases: number }[]
}

/** Who pays the fees of a network over a window (payerConcentration). */
export interface Payers {
  payers: number
  fees: number
  feeAsset: string
  top10Share: number | null
  hhi: number | null
  top: { payer: string; feesNative: string; payments: number; share: number }[]
}

export interface NetworkData extends Registry {
  payers: Payers
  leasedResources: LeasedResources
  /** top providers by fees received, then rewards */
  topProviders: ProviderRow[]
  /** leases closed in the window, latest first */
  closedLeases: LeaseRow[]
  networkMetrics: MetricsRow[]
  networkStats: DayStat[]
  /** the latest hourly rollup: when the network's last event happened */
  lastEvent: { periodStart: string; lastBlock: number; eventCount: number }[]
  /** Date.now() of the last full answer (the polls in between ask for the pulse only) */
  fullAt: number
}

/** The network page's one request: registry, the network's metrics and rollups in slices (s<k>, t<k>), its last event. */
export function networkQuery(nSlices: number): string {
  const vars = Array.from({ length: nSlices }, (_, k) => `, $f${k}: DateTime, $t${k}: DateTime`).join('')
  const series = Array.from({ length: nSlices }, (_, k) => {
    const sfx = k === nSlices - 1 ? '' : `_${k}`
    return `networkMetrics${sfx}: networkMetrics(network: $network, interval: DAY, from: $f${k}, to: $t${k}) { ${NETWORK_FIELDS} }
    networkStats${sfx}: networkStats(network: $network, interval: DAY, from: $f${k}, to: $t${k}) { ${STAT_FIELDS} }`
  }).join('\n    ')
  return `query NetworkPage($network: ID!, $networkId: String!, $leaseFrom: DateTime, $window: Window${vars}) {${REGISTRY_FIELDS}
    ${series}
    lastEvent: networkStats(network: $network, interval: HOUR, limit: 1) { periodStart lastBlock eventCount }
    topProviders: providers(where: { network_eq: $networkId }, orderBy: [feesNative_DESC, rewardsNative_DESC], limit: 10) {
      address feesNative rewardsNative leasesOpened leasesClosed capacity unit firstSeen lastSeen
    }
    leasedResources(network: $network) { openLeases withResources cpu memoryBytes storageBytes gpus gpusByModel { model gpus leases } }
    payers: payerConcentration(network: $network, window: $window, top: 10) {
      payers fees feeAsset top10Share hhi top { payer feesNative payments share }
    }
    closedLeases: leases(where: { network_eq: $networkId, status_eq: "CLOSED", closedAt_gte: $leaseFrom }, orderBy: [closedAt_DESC], limit: ${LEASE_SAMPLE}) {
      openedAt closedAt price priceAsset priceDecimals priceUnit
    }
  }`
}

/** The network page's request exactly as it sends it (also used by the API benchmark). */
export function networkRequest(id: string, from: string | null, now = Date.now(), days: number | null = 30) {
  const sl = slices(from, now)
  const variables: Record<string, unknown> = { network: id, networkId: id, leaseFrom: from ?? '1970-01-01T00:00:00Z', window: payerWindow(days) }
  sl.forEach((x, k) => {
    variables[`f${k}`] = x.from
    variables[`t${k}`] = x.to
  })
  return { query: networkQuery(sl.length), variables, slices: sl }
}

/** The payerConcentration window closest to a range: 30 and 90 days as such, anything longer since indexing began. */
export const payerWindow = (days: number | null) => (days === 30 ? 'D30' : days === 90 ? 'D90' : days != null && days <= 7 ? 'D7' : 'ALL')

/** A network page asks for its whole answer at least this often, whatever its pulse says. */
export const NETWORK_FULL_REFRESH_MS = 60_000

/** What a network page polls between full answers: the indexers' status and the network's last event (its pulse). */
export const NETWORK_PULSE_QUERY = `query NetworkPulse($network: ID!) {
  indexerStatus { chain chainId name height head lag lagSeconds timestamp }
  lastEvent: networkStats(network: $network, interval: HOUR, limit: 1) { periodStart lastBlock eventCount }
}`

/**
 * The network page's poll. With the previous answer (less than NETWORK_FULL_REFRESH_MS old), first asks for the
 * pulse alone: while the network's last event (hour, block, event count) is the same, nothing of the network
 * changed and the previous answer is kept with the new indexer status; otherwise the whole request.
 */
export async function fetchNetwork(id: string, from: string | null, days: number | null, prev?: NetworkData, timeoutMs = 15_000): Promise<NetworkData> {
  if (prev && Date.now() - prev.fullAt < NETWORK_FULL_REFRESH_MS) {
    const pulse = await gql<Pick<NetworkData, 'indexerStatus' | 'lastEvent'>>(NETWORK_PULSE_QUERY, { network: id }, timeoutMs)
    if (JSON.stringify(pulse.lastEvent) === JSON.stringify(prev.lastEvent)) return { ...prev, indexerStatus: pulse.indexerStatus }
  }
  const { query, variables, slices: sl } = networkRequest(id, from, Date.now(), days)
  const raw = await gql<Record<string, unknown>>(query, variables, timeoutMs)
  const pick = <T,>(name: string) => sl.flatMap((_, k) => raw[k === sl.length - 1 ? name : `${name}_${k}`] as T[])
  const data: NetworkData = {
    networks: raw.networks as Network[], categories: raw.categories as Category[], indexerStatus: raw.indexerStatus as ChainStatus[],
    networkMetrics: pick<MetricsRow>('networkMetrics'), networkStats: pick<DayStat>('networkStats'), lastEvent: raw.lastEvent as NetworkData['lastEvent'],
    topProviders: raw.topProviders as ProviderRow[], closedLeases: raw.closedLeases as LeaseRow[], payers: raw.payers as Payers, leasedResources: raw.leasedResources as LeasedResources,
    fullAt: Date.now(),
  }
  rememberNetworks(data.networks)
  return data
}

/** The window the charts of a view draw (marketSeries' own: ending on the latest indexed day of its networks), for the data page. */
export interface ViewWindow {
  from: string
  to: string
  days: number
}

export async function fetchDataView(args: { category: string | null; networks: string[] | null; days: number | null }, timeoutMs = 15_000): Promise<Registry & { window: ViewWindow }> {
  const { marketSeries, ...registry } = await gql<Registry & { marketSeries: { window: ViewWindow } }>(
    `query DataView($category: ID, $networks: [ID!], $days: Int) {${REGISTRY_FIELDS}\n  marketSeries(category: $category, networks: $networks, days: $days) { window { from to days } }\n}`,
    args,
    timeoutMs,
  )
  rememberNetworks(registry.networks)
  return { ...registry, window: marketSeries.window }
}

export async function fetchRegistry(timeoutMs = 15_000): Promise<Registry> {
  const data = await gql<Registry>(`query Registry {${REGISTRY_FIELDS}\n}`, {}, timeoutMs)
  rememberNetworks(data.networks)
  return data
}
