/** Free TCP ports for test stacks, so tests never collide with a running `npm start` or each other. */
import { createServer } from 'node:net'
import { allChains } from '../../indexer/registry'

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => ok(port))
    })
  })
}

/**
 * A base port with `count` consecutive free ports (the devnet uses DEVNET_PORT + chain index), taken below the
 * kernel's ephemeral range (32768+) so that ports handed out by freePort() cannot fall inside the block.
 */
export async function freePortBlock(count = allChains.length): Promise<number> {
  const canListen = (port: number) =>
    new Promise<boolean>((ok) => {
      const s = createServer()
      s.once('error', () => ok(false))
      s.listen(port, '127.0.0.1', () => s.close(() => ok(true)))
    })
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 12000)
    let free = true
    for (let i = 0; i < count && free; i++) free = await canListen(base + i)
    if (free) return base
  }
  throw new Error(`no block of ${count} free ports found between 20000 and 32000`)
}
