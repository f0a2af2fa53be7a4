/**
 * The growth table: the recorded results of several dataset sizes side by side (bench/results/<size>.json), one
 * column per size, in the summary format of `npm run bench`.
 *
 *   tsx bench/growth.ts                 100k, 1m and 10m (those recorded)
 *   tsx bench/growth.ts 50k 1m          the named sizes
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { summary, type BenchResult } from './summary'

const dir = resolve(import.meta.dirname, 'results')
const named = process.argv.slice(2)
const labels = named.length ? named : ['100k', '1m', '10m']
const results: BenchResult[] = []
for (const l of labels) {
  const file = join(dir, `${l}.json`)
  if (existsSync(file)) results.push(JSON.parse(readFileSync(file, 'utf8')) as BenchResult)
  else if (named.length) throw new Error(`no results for ${l}: ${file} does not exist (npm run bench -- --sizes ${l})`)
}
if (!results.length) throw new Error(`no results in ${dir} for ${labels.join(', ')}`)
console.log(summary(results))
