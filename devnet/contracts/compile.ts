/** Compiles Emitter.yul with solc (npm, bundled compiler) and writes emitter.json (runtime bytecode). */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import solc from 'solc'

export function compileEmitter(): string {
  const source = readFileSync(join(import.meta.dirname, 'Emitter.yul'), 'utf8')
  const input = {
    language: 'Yul',
    sources: { 'Emitter.yul': { content: source } },
    settings: { optimizer: { enabled: true }, outputSelection: { '*': { '*': ['evm.bytecode.object'] } } },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input)))
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === 'error')
  if (errors.length) throw new Error(errors.map((e: { formattedMessage: string }) => e.formattedMessage).join('\n'))
  return '0x' + output.contracts['Emitter.yul'].Emitter.evm.bytecode.object
}

if (process.argv[1] === import.meta.filename) {
  const bytecode = compileEmitter()
  writeFileSync(join(import.meta.dirname, 'emitter.json'), JSON.stringify({ compiler: `solc ${solc.version()}`, bytecode }, null, 2) + '\n')
  console.log(bytecode)
}
