/** Example GraphQL queries of a view, shown on the data page with links that open them in GraphiQL. */

export interface Example {
  id: string
  title: string
  what: string
  query: string
}

/** Example queries for a view: the same figures the overview, category and network pages draw. */
export function examples(
  ids: string[],
  from: string | null,
  categories: string[],
  view?: { days: number | null; interval: string; filtered: boolean; category?: string | null; network?: string | null },
): Example[] {
  const fromArg = from ? `, from: "${from}"` : ''
  const first = view?.network ?? ids[0] ?? 'livepeer'
  const viewArgs = view
    ? [view.category ? `category: "${view.category}"` : '', view.filtered ? `networks: [${ids.map((id) => `"${id}"`).join(', ')}]` : '', `days: ${view.days ?? 'null'}`, `interval: ${view.interval.toUpperCase()}`].filter(Boolean).join(', ')
    : 'days: 30'
  // the page the reader came from: its own query first
  const page: Example[] = view?.network
    ? [{
        id: 'page',
        title: `The ${view.network} page's data`,
        what: 'what the network page draws: its derived daily metrics (cards, fees vs incentives, supply, providers, capacity), its rollups (native fees and rewards) and the indexer status (health)',
        query: `{\n  networkMetrics(network: "${view.network}", interval: DAY${fromArg}) {\n    periodStart price marketCap fdv feesUsd incentivesUsd demandRewardsRatio30d annualizedFeesUsd pf circulatingSupply totalSupply capacity capacityUnit activeLeases utilization activeProviders newProviders churnedProviders\n  }\n  networkStats(network: "${view.network}", interval: DAY${fromArg}) {\n    periodStart fees feesUsd rewards minted burned leasesOpened leasesClosed\n  }\n  indexerStatus { chain name height head lag lagSeconds }\n}`,
      }]
    : []
  return [
    ...page,
    {
      id: 'view',
      title: view?.category ? `This view, as the ${view.category} category page draws it` : view?.network ? 'The market view of this network' : 'This view, as the overview draws it',
      what: 'one compact answer aggregated by the API: the window\'s totals and levels per network and one series per network and bucket (marketSeries)',
      query: `{\n  marketSeries(${viewArgs}) {\n    version window { from to days } interval periods\n    networks { network feesUsd incentivesUsd latest { marketCap capacity capacityUnit } series { marketCap feesUsd incentivesUsd } }\n  }\n}`,
    },
    {
      id: 'market',
      title: 'Daily market metrics of the networks',
      what: 'market cap, fees and incentives in USD, ratios, capacity: what the overview and category pages draw',
      query: `{\n${ids.map((id, i) => `  m${i}: networkMetrics(network: "${id}", interval: DAY${fromArg}) {\n    network periodStart price marketCap fdv feesUsd incentivesUsd demandRewardsRatio30d pf capacity capacityUnit activeLeases utilization\n  }`).join('\n')}\n}`,
    },
    {
      id: 'categories',
      title: 'Category totals per day',
      what: 'the sums of the networks of a category, ratios from the sums',
      query: `{\n${categories.map((c, i) => `  c${i}: categoryMetrics(category: "${c}", interval: DAY${fromArg}) {\n    category periodStart networks marketCap feesUsd incentivesUsd demandRewardsRatio\n  }`).join('\n')}\n}`,
    },
    {
      id: 'network',
      title: `Rollups of one network (${first})`,
      what: 'native amounts per day: fees, rewards, mints, burns, leases, node registrations',
      query: `{\n  networkStats(network: "${first}", interval: DAY${fromArg}) {\n    periodStart fees feesUsd rewards minted burned leasesOpened leasesClosed nodesRegistered nodesDeregistered eventCount\n  }\n}`,
    },
    {
      id: 'entities',
      title: 'Leases and top providers',
      what: 'entity queries (OpenReader filters, ordering and paging): the latest leases and the providers earning the most fees',
      query: `{\n  leases(where: { network_in: [${ids.map((id) => `"${id}"`).join(', ')}] }, orderBy: [openedAt_DESC_NULLS_LAST], limit: 100) {\n    network leaseId provider payer status price priceAsset priceUnit openedAt closedAt spent\n  }\n  providers(where: { network_in: [${ids.map((id) => `"${id}"`).join(', ')}] }, orderBy: [feesNative_DESC], limit: 20) {\n    network address feesNative rewardsNative leasesOpened capacity unit firstSeen lastSeen\n  }\n}`,
    },
    {
      id: 'health',
      title: 'Indexer health',
      what: 'height, head and lag of every chain',
      query: `{\n  indexerStatus { chain name height head lag lagSeconds timestamp }\n  _meta { block { number timestamp } quarantinedLogs }\n}`,
    },
  ]
}

export const graphiqlHref = (query: string) => `/graphql?query=${encodeURIComponent(query)}`
