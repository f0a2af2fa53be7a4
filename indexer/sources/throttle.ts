/** Spaces calls to at most `perSecond` per second (RPC_RATE_LIMIT); no limit when it is 0 or unset. */
export class Throttle {
  private nextSlot = 0
  constructor(private readonly perSecond?: number) {}

  async wait(): Promise<void> {
    if (!this.perSecond) return
    const gap = 1000 / this.perSecond
    const now = Date.now()
    const at = Math.max(now, this.nextSlot)
    this.nextSlot = at + gap
    if (at > now) await new Promise((r) => setTimeout(r, at - now))
  }
}
