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

/** Fetches everything the page shows in one request; fails with an ApiError after `timeoutMs`. */
export async function fetchDashboard(timeoutMs = 10_000): Promise<DashboardData> {
  let res: Response
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: DASHBOARD_QUERY, variables: { network: NETWORK_ID, limit: WINDOW_DAYS } }),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'TimeoutError') throw new ApiError(`The API did not answer within ${timeoutMs / 1000} s.`)
    throw new ApiError('The API cannot be reached (network error).')
  }
  let body: { data?: DashboardData; errors?: { message: string }[] } | undefined
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
