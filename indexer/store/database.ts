/**
 * Subsquid's TypeormDatabase (batch transactions, hot-block change log for reorgs), connected with
 * our entity classes and URL. The stock class reads DB_* env vars and loads lib/model itself; we
 * only replace how the connection is made and keep its transaction and rollback logic.
 */
import { TypeormDatabase, type TypeormDatabaseOptions } from '@subsquid/typeorm-store'
import { createDataSource } from './dataSource'

export class IndexerDatabase extends TypeormDatabase {
  constructor(private readonly url: string, options: TypeormDatabaseOptions) {
    super(options)
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
