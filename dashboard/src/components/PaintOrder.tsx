/**
 * Paint order of a data page: its headline chart first, then the other sections (charts, tables), one per task in
 * the order they mount, each after the previous has been painted. A page with five charts and a table shows its
 * first chart as soon as that one is drawn, instead of after all of them; later polls render everything at once.
 */
import { createContext, useContext, useEffect, useState } from 'react'

/** Marks a chart has drawn (bars, lines, areas), or the designed empty state of a chart without data. */
const DRAWN = '.recharts-bar-rectangle, .recharts-line-curve, .recharts-area-area, .chart-empty'
/** A headline never drawn (an error, a chart library that failed to load) holds the rest back this long at most. */
const HEADLINE_WAIT_MS = 5000

/** `cb` once the next frame has been painted (or after 100 ms in a tab that paints no frames, e.g. hidden). */
export function afterPaint(cb: () => void): () => void {
  let done = false
  const go = () => {
    if (done) return
    done = true
    timer = setTimeout(cb, 0) // from a frame callback: runs after that frame's paint
  }
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(go, 100)
  const frame = requestAnimationFrame(go)
  return () => {
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}

export class PaintQueue {
  private open = false
  private busy = false
  private readonly waiting: (() => void)[] = []

  /** The headline has been painted: the sections waiting start rendering. */
  headlinePainted(): void {
    if (this.open) return
    this.open = true
    this.next()
  }

  /** Calls `show` in its turn; returns a cancel. */
  enqueue(show: () => void): () => void {
    this.waiting.push(show)
    this.next()
    return () => {
      const i = this.waiting.indexOf(show)
      if (i >= 0) this.waiting.splice(i, 1)
    }
  }

  private next(): void {
    if (!this.open || this.busy) return
    const show = this.waiting.shift()
    if (!show) return
    this.busy = true
    show()
    // the next section after this one has rendered and been painted
    afterPaint(() => {
      this.busy = false
      this.next()
    })
  }
}

const QueueContext = createContext<PaintQueue | null>(null)

/** The paint order of a page's body (one queue per mount: a new page starts with its headline again). */
export function PaintOrder({ children }: { children: React.ReactNode }) {
  const [queue] = useState(() => new PaintQueue())
  return <QueueContext.Provider value={queue}>{children}</QueueContext.Provider>
}

/**
 * Tells the page's queue when the headline chart inside `ref` has drawn and the frame is painted (checked once a
 * frame after mounting). Outside a PaintOrder, or not the headline: nothing.
 */
export function useHeadline(ref: React.RefObject<HTMLElement | null>, headline: boolean | undefined): void {
  const queue = useContext(QueueContext)
  useEffect(() => {
    if (!headline || !queue) return
    const until = performance.now() + HEADLINE_WAIT_MS
    let cancel = () => {}
    const check = () => {
      if (ref.current?.querySelector(DRAWN) || performance.now() > until) cancel = afterPaint(() => queue.headlinePainted())
      else cancel = afterPaint(check)
    }
    check()
    return () => cancel()
  }, [queue, headline, ref])
}

/**
 * Renders `children` in its turn after the page's headline has been painted, `placeholder` until then (holding the
 * section's place so nothing moves). Once shown it stays shown. Outside a PaintOrder: at once.
 */
export function Deferred({ children, placeholder }: { children: React.ReactNode; placeholder: React.ReactNode }) {
  const queue = useContext(QueueContext)
  const [shown, setShown] = useState(queue == null)
  useEffect(() => {
    if (shown || !queue) return
    return queue.enqueue(() => setShown(true))
  }, [queue, shown])
  return shown ? children : placeholder
}
