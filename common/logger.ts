import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import pino from 'pino'

/**
 * Structured JSON logs (pino). Components get a child logger with their name.
 * LOG_FILE sends them to a file (npm start does, to keep the terminal for the progress display).
 */
function destination() {
  const file = process.env.LOG_FILE
  if (!file) return pino.destination(1)
  mkdirSync(dirname(file), { recursive: true })
  return pino.destination({ dest: file, append: true, sync: false })
}

export const logger = pino(
  { level: process.env.LOG_LEVEL ?? 'info', base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
  destination(),
)

export const componentLogger = (component: string) => logger.child({ component })

/** Children that must not outlive this process (also on a crash). */
const children = new Set<{ kill(signal?: NodeJS.Signals): boolean }>()
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL')
})
export function killOnExit(child: { kill(signal?: NodeJS.Signals): boolean; once(ev: 'exit', f: () => void): unknown }) {
  children.add(child)
  child.once('exit', () => children.delete(child))
}
