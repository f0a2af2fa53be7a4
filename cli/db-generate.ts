/**
 * Generates a migration in migrations/ from the difference between the TypeORM models
 * (indexer/model, generated from schema.graphql) and a database with the existing migrations applied.
 * Uses @subsquid/typeorm-migration in a scratch project (it expects lib/model and db/migrations).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { startDatabase } from '../common/postgres'

const root = resolve(import.meta.dirname, '..')
const scratch = mkdtempSync(join(tmpdir(), 'depin-migrate-'))
chmodSync(scratch, 0o755)
symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'))
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', type: 'commonjs' }))
// compile models to CommonJS, where the tool looks for them
execFileSync(join(root, 'node_modules/.bin/tsc'), [
  '--outDir', join(scratch, 'lib/model'), '--rootDir', join(root, 'indexer/model'),
  '--module', 'commonjs', '--moduleResolution', 'node', '--target', 'ES2022', '--experimentalDecorators',
  '--emitDecoratorMetadata', '--skipLibCheck', '--esModuleInterop', join(root, 'indexer/model/index.ts'),
], { stdio: 'inherit' })
mkdirSync(join(scratch, 'db/migrations'), { recursive: true })
for (const f of readdirSync(join(root, 'migrations')).filter((f) => f.endsWith('.cjs'))) {
  copyFileSync(join(root, 'migrations', f), join(scratch, 'db/migrations', f.replace(/\.cjs$/, '.js')))
}
// a free port (several worktrees may generate migrations at once)
const port = await new Promise<number>((ok, fail) => {
  const srv = createServer().once('error', fail)
  srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as { port: number }
    srv.close(() => ok(port))
  })
})
const db = await startDatabase({ dataDir: join(scratch, 'data'), port })
try {
  const env = { ...process.env, DB_URL: db.url }
  const tool = join(root, 'node_modules/.bin/squid-typeorm-migration')
  execFileSync(tool, ['apply'], { cwd: scratch, env, stdio: 'inherit' })
  // the tool exits 1 when the models equal the migrated schema: that is an answer, not a failure
  const generated = spawnSync(tool, ['generate'], { cwd: scratch, env, encoding: 'utf8' })
  process.stdout.write(generated.stdout)
  process.stderr.write(generated.stderr)
  if (generated.status !== 0) {
    if (/No changes in database schema were found/.test(generated.stdout + generated.stderr)) {
      console.log('schema.graphql and migrations/ agree: no migration to generate')
    } else {
      process.exitCode = generated.status ?? 1
      throw new Error(`squid-typeorm-migration generate failed (exit ${generated.status ?? generated.signal})`)
    }
  }
  const existing = new Set(readdirSync(join(root, 'migrations')))
  for (const f of readdirSync(join(scratch, 'db/migrations'))) {
    const target = f.replace(/\.js$/, '.cjs')
    if (!existing.has(target)) {
      copyFileSync(join(scratch, 'db/migrations', f), join(root, 'migrations', target))
      console.log(`new migration migrations/${target}`)
    }
  }
} finally {
  await db.stop()
  rmSync(scratch, { recursive: true, force: true })
}
