/** Per-IP rate limit of the API routes (/graphql, /export) with rate-limiter-flexible: a 429 with Retry-After past it. */
import type { IncomingMessage } from 'node:http'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

export interface RateLimit {
  /** null when allowed, else the seconds to wait */
  check(req: IncomingMessage): Promise<number | null>
}

/** perMinute requests per client address and minute; 0 disables the limit. */
export function createRateLimit(perMinute: number): RateLimit {
  if (perMinute <= 0) return { check: async () => null }
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 })
  return {
    async check(req) {
      // the socket's address: behind a reverse proxy, rate-limit there (X-Forwarded-For is not trusted)
      const key = req.socket.remoteAddress ?? 'unknown'
      try {
        await limiter.consume(key)
        return null
      } catch (e) {
        if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000))
        throw e
      }
    },
  }
}
