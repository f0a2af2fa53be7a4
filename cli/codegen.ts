/**
 * Regenerates code that is derived from sources of truth:
 *  - schema.graphql            -> indexer/model/generated (TypeORM models, @subsquid/typeorm-codegen)
 *  - indexer/abi/*.json        -> indexer/abi/*.ts (typed ABIs, @subsquid/evm-typegen)
 * Generated files are committed; run this after editing either source.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const bin = (name: string) => join(root, 'node_modules/.bin', name)

// typeorm-codegen has no options: it reads ./schema.graphql and writes ./src/model. Run it in a scratch dir.
const scratch = mkdtempSync(join(tmpdir(), 'depin-codegen-'))
copyFileSync(join(root, 'schema.graphql'), join(scratch, 'schema.graphql'))
execFileSync(bin('squid-typeorm-codegen'), [], { cwd: scratch, stdio: 'inherit' })
rmSync(join(root, 'indexer/model'), { recursive: true, force: true })
cpSync(join(scratch, 'src/model'), join(root, 'indexer/model'), { recursive: true })
rmSync(scratch, { recursive: true, force: true })
// We run TypeScript through esbuild (tsx, vitest), which emits no decorator metadata, so TypeORM cannot
// guess the id column type: use TypeORM's PrimaryColumn with the type the metadata would give (varchar).
for (const f of readdirSync(join(root, 'indexer/model/generated')).filter((f) => f.endsWith('.model.ts'))) {
  const file = join(root, 'indexer/model/generated', f)
  const src = readFileSync(file, 'utf8')
    .replace('PrimaryColumn as PrimaryColumn_, ', '')
    .replace(/^/, 'import {PrimaryColumn as PrimaryColumn_} from "typeorm"\n')
    .replaceAll('@PrimaryColumn_()', "@PrimaryColumn_({type: 'varchar'})")
  writeFileSync(file, src)
}

const abiDir = join(root, 'indexer/abi')
const jsons = readdirSync(abiDir).filter((f) => f.endsWith('.json'))
execFileSync(bin('squid-evm-typegen'), [abiDir, ...jsons.map((f) => join(abiDir, f))], { stdio: 'inherit' })
console.log(`generated models and ${jsons.length} ABI modules`)

// Helium: the Anchor IDLs of @helium/idls (TypeScript type literals) as JSON, for the Solana source's decoder
const { HELIUM_IDL_PROGRAMS, heliumIdl } = await import('./helium-idls')
for (const p of HELIUM_IDL_PROGRAMS) writeFileSync(join(abiDir, 'helium', `${p}.json`), JSON.stringify(heliumIdl(p), null, 1) + '\n')
console.log(`wrote ${HELIUM_IDL_PROGRAMS.length} Helium IDLs to indexer/abi/helium`)
