/** Free TCP ports for test stacks, so tests never collide with a running `npm start` or each other. */
import { createServer } from 'node:net'

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
