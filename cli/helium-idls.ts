/**
 * The Anchor IDLs of the Helium programs the indexer decodes, taken from @helium/idls (published by
 * helium/helium-program-library, packages/idls). The package ships each IDL only as a TypeScript type literal
 * (lib/types/<program>.d.ts, Anchor 0.30+ spec, camelCase names, discriminators included); this turns that literal
 * into the JSON it was generated from. `npm run codegen` writes them to indexer/abi/helium/<program>.json.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The programs read for Helium (file names in @helium/idls/lib/types). */
export const HELIUM_IDL_PROGRAMS = ['data_credits', 'helium_sub_daos', 'lazy_distributor', 'helium_entity_manager'] as const

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase()

/** sha256("global:<snake_case name>")[0..8]: Anchor's instruction discriminator. */
export const anchorDiscriminator = (camelName: string) => [...createHash('sha256').update(`global:${snake(camelName)}`).digest().subarray(0, 8)]

export function heliumIdl(program: (typeof HELIUM_IDL_PROGRAMS)[number]): any {
  const require = createRequire(import.meta.url)
  const dir = join(dirname(require.resolve('@helium/idls/package.json')), 'lib/types')
  const src = readFileSync(join(dir, `${program}.d.ts`), 'utf8')
  const m = /export type \w+ = (\{[\s\S]*?\n\});/.exec(src)
  if (!m) throw new Error(`@helium/idls ${program}.d.ts: no IDL type literal`)
  // a type literal of JSON values: members end in ';' instead of ','
  const json = m[1].replace(/;\n/g, ',\n').replace(/,(\s*[}\]])/g, '$1')
  const idl = JSON.parse(json)
  for (const ix of idl.instructions) {
    const want = anchorDiscriminator(ix.name)
    if (ix.discriminator.join() !== want.join()) throw new Error(`${program}.${ix.name}: discriminator ${ix.discriminator} is not sha256("global:${snake(ix.name)}")[..8]`)
  }
  return idl
}
