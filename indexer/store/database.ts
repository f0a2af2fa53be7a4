/**
 * Subsquid's TypeormDatabase (batch transactions, hot-block change log for reorgs), connected with
 * our entity classes and URL. The stock class reads DB_* env vars and loads lib/model itself; we
 * only replace how the connection is made and keep its transaction and rollback logic.
 */
import { TypeormDatabase, type TypeormDatabaseOptions } from '@subsquid/typeorm-store'
import { componentLogger } from '../../common/logger'
import { isConnectionError, redact, waitForDatabase } from '../../common/postgres'
import { createDataSource } from './dataSource'

const log = componentLogger('indexer')

export interface IndexerDatabaseOptions extends TypeormDatabaseOptions {
  /**
   * When the connection to PostgreSQL is lost during a batch transaction (the server stopped or restarted), wait
   * until it answers again and run the transaction again, instead of failing the processor. Only for callers whose
   * transaction callback can run again (the EVM batch handler reloads its state when an attempt did not finish).
   */
  waitOnConnectionLoss?: boolean
}

export class IndexerDatabase extends TypeormDatabase {
  private readonly waitOnConnectionLoss: boolean
  /** transactions run again after a lost connection (tests and logs) */
  connectionRetries = 0

  constructor(private readonly url: string, options: IndexerDatabaseOptions) {
    const { waitOnConnectionLoss, ...rest } = options
    super(rest)
    this.waitOnConnectionLoss = waitOnConnectionLoss ?? false
    // the stock submit (TypeScript-private) retries serialization failures; wrap it to also wait out a lost connection
    const self = this as unknown as { submit(tx: unknown): Promise<unknown> }
    const submit = self.submit.bind(this)
    self.submit = (tx) => this.submitWaiting(() => submit(tx))
  }

  /**
   * Runs a batch transaction; when its connection is lost, waits for PostgreSQL and runs it again. Nothing of a
   * transaction whose connection died is committed (if the COMMIT itself was lost after it succeeded, the next
   * attempt sees another status row and fails as the stock class does, and a restart resumes from the commit).
   */
  private async submitWaiting<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run()
      } catch (e) {
        // a lost connection is retried as long as it takes the server to come back, but not a batch that keeps
        // failing so while the server answers (that is a bug, not an outage)
        if (!this.waitOnConnectionLoss || !isConnectionError(e) || attempt > 10) throw e
        this.connectionRetries += 1
        log.warn({ db: redact(this.url), err: (e as Error).message, retries: this.connectionRetries }, 'database connection lost during a batch; waiting for PostgreSQL, then running the batch again')
        await waitForDatabase(this.url, Number.MAX_SAFE_INTEGER)
        log.info({ db: redact(this.url) }, 'database reachable again; retrying the batch')
      }
    }
  }

  override async connect() {
    const self = this as unknown as { con?: ReturnType<typeof createDataSource>; initTransaction(em: unknown): Promise<any> }
    if (self.con != null) throw new Error('already connected')
    const con = createDataSource(this.url)
    await con.initialize()
    self.con = con
    try {
      return await con.transaction('SERIALIZABLE', (em) => self.initTransaction(em))
    } catch (e) {
      await con.destroy().catch(() => {})
      self.con = undefined
      throw e
    }
  }
}
