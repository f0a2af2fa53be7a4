/**
 * A fault-injecting TCP proxy for a WebSocket JSON-RPC endpoint (the devnet's default transport). The JSON-level faults
 * are the HTTP proxy's (faulty-rpc.ts); this one breaks what only a long-lived connection has: at seeded moments it
 * resets every open connection (both sockets destroyed, requests in flight lost), or stalls one (bytes stop flowing
 * both ways, so the client's requests time out; the connection is dropped when the stall ends). Each is counted.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'
import { seeded } from './consistency'

export const WS_FAULTS = ['reset', 'stall'] as const
export type WsFault = (typeof WS_FAULTS)[number]

export interface FaultyWs {
  url: string
  counts: Record<WsFault, number>
  /** connections the client opened (each reconnection is one) */
  connections: number
  heal(): void
  close(): Promise<void>
}

/**
 * @param upstream host:port of the WebSocket endpoint
 * @param everyMs mean interval between faults (exponential, seeded)
 * @param stallMs how long a stalled connection keeps silent before it is dropped
 */
export async function startFaultyWs(opts: { upstream: { host: string; port: number }; everyMs: number; stallMs: number; seed: number }): Promise<FaultyWs> {
  const rng = seeded(opts.seed)
  const counts: Record<WsFault, number> = { reset: 0, stall: 0 }
  const pairs = new Set<{ client: Socket; server: Socket; stalled: boolean }>()
  let healed = false
  let connections = 0
  const server: Server = createServer((client) => {
    connections++
    const upstream = connect(opts.upstream.port, opts.upstream.host)
    const pair = { client, server: upstream, stalled: false }
    pairs.add(pair)
    client.on('data', (d) => { if (!pair.stalled) upstream.write(d) })
    upstream.on('data', (d) => { if (!pair.stalled) client.write(d) })
    const end = () => {
      pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end)
    upstream.on('close', end)
    client.on('error', end)
    upstream.on('error', end)
  })
  let timer: NodeJS.Timeout | undefined
  const schedule = () => {
    timer = setTimeout(() => {
      const open = [...pairs].filter((p) => !p.stalled)
      if (!healed && open.length) {
        if (rng.next() < 0.5) {
          counts.reset++
          for (const p of open) {
            p.client.destroy()
            p.server.destroy()
          }
        } else {
          counts.stall++
          const p = open[Math.floor(rng.next() * open.length)]
          p.stalled = true
          setTimeout(() => {
            p.client.destroy()
            p.server.destroy()
          }, opts.stallMs)
        }
      }
      schedule()
    }, Math.max(50, -Math.log(1 - rng.next()) * opts.everyMs))
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  schedule()
  const port = (server.address() as { port: number }).port
  return {
    url: `ws://127.0.0.1:${port}`,
    counts,
    get connections() {
      return connections
    },
    heal: () => (healed = true),
    close: () =>
      new Promise<void>((r) => {
        if (timer) clearTimeout(timer)
        for (const p of pairs) {
          p.client.destroy()
          p.server.destroy()
        }
        server.close(() => r())
      }),
  }
}
