/** Seeded pseudo-random numbers (mulberry32), so that a seed reproduces a run exactly. */
export class Random {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  /** uniform in [0, 1) */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next()
  }
  int(lo: number, hiExclusive: number): number {
    return Math.floor(this.between(lo, hiExclusive))
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length)]
  }
  /** standard normal (Box-Muller) */
  normal(): number {
    const u = 1 - this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }
  /** Poisson-distributed count with mean lambda (Knuth for small lambda, normal approximation above 50) */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0
    if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()))
    const l = Math.exp(-lambda)
    let k = 0
    let p = 1
    do {
      k++
      p *= this.next()
    } while (p > l)
    return k - 1
  }
  bytes32(): string {
    let s = '0x'
    for (let i = 0; i < 8; i++) s += Math.floor(this.next() * 2 ** 32).toString(16).padStart(8, '0')
    return s
  }
  address(): string {
    return '0x' + this.bytes32().slice(2, 42)
  }
}
