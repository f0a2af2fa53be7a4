/** The one GraphQL request the page makes (relative /graphql: the API serves the dashboard on the same origin). */

export const NETWORK_ID = 'livepeer'
export const WINDOW_DAYS = 30

export interface Network {
  id: string
  name: string
  category: string
  chainId: number
  tokenSymbol: string
  feeAsset: string
}

export interface Category {
  id: string
  name: string
  color: string
}

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

export interface DashboardData {
  networks: Network[]
  categories: Category[]
  networkStats: DayStat[]
  indexerStatus: ChainStatus[]
}

export const DASHBOARD_QUERY = /* GraphQL */ `
  query Dashboard($network: ID!, $limit: Int!) {
    networks { id name category chainId tokenSymbol feeAsset }
    categories { id name color }
    networkStats(network: $network, interval: DAY, limit: $limit) {
      periodStart fees feesUsd feesNative rewards rewardsNative feeCount rewardCount protocolTake
    }
    indexerStatus { chain chainId name height head lag lagSeconds timestamp }
  }
`

export class ApiError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message)
    this.name = 'ApiError'
  }
}

/** One POST to /graphql; fails with an ApiError (unreachable, timeout, HTTP error, GraphQL errors, no data). */
export async function gql<T>(query: string, variables: Record<string, unknown>, timeoutMs = 10_000): Promise<T> {
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

/** Fetches everything the Livepeer page shows in one request; fails with an ApiError after `timeoutMs`. */
export async function fetchDashboard(timeoutMs = 10_000): Promise<DashboardData> {
  const data = await gql<DashboardData>(DASHBOARD_QUERY, { network: NETWORK_ID, limit: WINDOW_DAYS }, timeoutMs)
  rememberNetworks(data.networks)
  return data
}

// ---------- networks known to the app (header navigation, overview aliases) ----------

/** Registry ids served by the API today; replaced by the API's own list after the first answer. */
const DEFAULT_NETWORKS: NavNetwork[] = [
  { id: 'aethir', name: 'Aethir' },
  { id: 'dimo', name: 'DIMO' },
  { id: 'geodnet', name: 'GEODNET' },
  { id: 'iotex-ioid', name: 'IoTeX ioID' },
  { id: 'livepeer', name: 'Livepeer' },
  { id: 'spheron', name: 'Spheron' },
  { id: 'thegraph', name: 'The Graph' },
]

export interface NavNetwork {
  id: string
  name: string
}

let known: NavNetwork[] = DEFAULT_NETWORKS
let knownFromApi = false
const listeners = new Set<() => void>()

export function rememberNetworks(list: NavNetwork[]): void {
  const next = list.map(({ id, name }) => ({ id, name }))
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

// ---------- network metrics (overview, network pages) ----------

export interface NetworkFull extends Network {
  chain: string
}

export interface MetricsRow {
  periodStart: string
  price: number | null
  marketCap: number | null
  fdv: number | null
  fees: number
  feesUsd: number | null
  protocolRevenueUsd: number | null
  incentivesUsd: number | null
  earningsUsd: number | null
  demandRewardsRatio7d: number | null
  demandRewardsRatio30d: number | null
  annualizedFeesUsd: number | null
  pf: number | null
  capacity: number
  capacityUnit: string | null
  activeLeases: number
  utilization: number | null
  activeProviders: number | null
}

export interface CategoryFull extends Category {
  networks: { id: string; name: string }[]
}

const METRICS_FIELDS = `periodStart price marketCap fdv fees feesUsd protocolRevenueUsd incentivesUsd earningsUsd
  demandRewardsRatio7d demandRewardsRatio30d annualizedFeesUsd pf capacity capacityUnit activeLeases utilization activeProviders`
const COMMON_FIELDS = `
  networks { id name category chain chainId tokenSymbol feeAsset }
  categories { id name color networks { id name } }
  indexerStatus { chain chainId name height head lag lagSeconds timestamp }`

export interface OverviewData {
  networks: NetworkFull[]
  categories: CategoryFull[]
  indexerStatus: ChainStatus[]
  /** last WINDOW_DAYS daily rows of every network, by network id */
  metrics: Record<string, MetricsRow[]>
}

/** The overview's one request: registry, categories, indexer status and `networkMetrics` of every network under an alias. */
export function overviewQuery(ids: string[]): string {
  const vars = ids.map((_, i) => `$n${i}: ID!`).join(', ')
  const aliases = ids.map((_, i) => `m${i}: networkMetrics(network: $n${i}, interval: DAY, limit: $limit) { ${METRICS_FIELDS} }`).join('\n  ')
  return `query Overview($limit: Int!${vars ? ', ' + vars : ''}) {${COMMON_FIELDS}\n  ${aliases}\n}`
}

async function fetchOverviewFor(ids: string[], timeoutMs: number) {
  const variables: Record<string, unknown> = { limit: WINDOW_DAYS }
  ids.forEach((id, i) => (variables[`n${i}`] = id))
  const raw = await gql<Record<string, unknown>>(overviewQuery(ids), variables, timeoutMs)
  const networks = raw.networks as NetworkFull[]
  const metrics: Record<string, MetricsRow[]> = {}
  ids.forEach((id, i) => (metrics[id] = raw[`m${i}`] as MetricsRow[]))
  return { networks, categories: raw.categories as CategoryFull[], indexerStatus: raw.indexerStatus as ChainStatus[], metrics }
}

/**
 * One request per poll. The aliases are built from the networks the app knows (the API's list once it has
 * answered); if the registry changed meanwhile, the answer's list is used for one immediate re-query.
 */
export async function fetchOverview(timeoutMs = 10_000): Promise<OverviewData> {
  const ids = knownNetworks().map((n) => n.id)
  let data: OverviewData
  try {
    data = await fetchOverviewFor(ids, timeoutMs)
  } catch (e) {
    if (knownFromApi) throw e
    // the built-in list may name a network this API does not serve: ask for the registry alone, then retry
    const { networks } = await gql<{ networks: NetworkFull[] }>('{ networks { id name } }', {}, timeoutMs)
    rememberNetworks(networks)
    data = await fetchOverviewFor(networks.map((n) => n.id), timeoutMs)
  }
  rememberNetworks(data.networks)
  const served = data.networks.map((n) => n.id)
  if (served.join() !== ids.join()) data = await fetchOverviewFor(served, timeoutMs)
  return data
}

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

export interface NetworkPageData {
  networks: NetworkFull[]
  categories: CategoryFull[]
  indexerStatus: ChainStatus[]
  networkMetrics: MetricsRow[]
  leasedResources: LeasedResources
}

export const NETWORK_QUERY = /* GraphQL */ `
  query NetworkPage($network: ID!, $limit: Int!) {${COMMON_FIELDS}
    networkMetrics(network: $network, interval: DAY, limit: $limit) { ${METRICS_FIELDS} }
    leasedResources(network: $network) { openLeases withResources cpu memoryBytes storageBytes gpus gpusByModel { model gpus leases } }
  }
`

export async function fetchNetworkPage(id: string, timeoutMs = 10_000): Promise<NetworkPageData> {
  const data = await gql<NetworkPageData>(NETWORK_QUERY, { network: id, limit: WINDOW_DAYS }, timeoutMs)
  rememberNetworks(data.networks)
  return data
}
