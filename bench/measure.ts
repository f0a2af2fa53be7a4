/** Measuring helpers of the benchmarks: wall time and peak resident memory of child processes. */
import { readFileSync } from 'node:fs'

export const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9

/** Samples a process's peak resident set (VmHWM) every 100 ms; stop() returns it in MiB. */
export function peakRss(pid: number): { stop(): number } {
  let peakKb = 0
  const sample = () => {
    try {
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0))
    } catch {}
  }
  const timer = setInterval(sample, 100)
  return {
    stop() {
      sample()
      clearInterval(timer)
      return Math.round(peakKb / 1024)
    },
  }
}

/** Percentile of a sorted array. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

export const round = (x: number, digits = 0) => Number(x.toFixed(digits))
