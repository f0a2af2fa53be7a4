// Ponder 0.16 requires an API file; the benchmark only reads the database.
import { Hono } from 'hono'

export default new Hono()
