/**
 * The soak's load (bench/soak.ts runs it as a child process, so that the load generator does not share the API's
 * heap): autocannon POSTs the given GraphQL requests in rotation to <url>/graphql for <seconds> over <connections>
 * connections and prints its summary as JSON.
 * Usage: node --import tsx bench/soak-load.ts <url> <seconds> <connections> '<json array of {query, variables}>'
 */
import autocannon from 'autocannon'

const [url, seconds, connections, requests] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), JSON.parse(process.argv[5]) as unknown[]]
const r = await autocannon({
  url, duration: seconds, connections, timeout: 10,
  requests: requests.map((q) => ({ method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify(q) })),
})
process.stdout.write(JSON.stringify({
  requests: r.requests.total, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, rps: r.requests.average,
  p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max,
}))
