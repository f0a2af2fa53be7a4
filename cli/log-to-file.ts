/** Imported first by cli/start.ts: sends structured logs to DATA_DIR/logs/depin.log, keeping the terminal for progress. */
import { join, resolve } from 'node:path'

process.env.LOG_FILE ??= join(resolve(process.env.DATA_DIR ?? '.data'), 'logs', 'depin.log')
