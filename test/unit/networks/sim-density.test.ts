/**
 * SIM_DENSITY of the non-EVM generators (benchmark datasets): density 1 is the model as it was (the same events,
 * block for block), higher densities scale the volume about linearly, and what each generator says it emitted is
 * what the chain serves: Filecoin actor events through the Lotus server's GetActorEventsRaw, Akash events counted
 * from the served ABCI events, Helium instructions through the Solana source's decoder.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CometbftDevnet } from '../../../devnet/cometbft/server'
import { FilecoinSim } from '../../../devnet/lotus/sim'
import { HeliumSim } from '../../../devnet/solana/sim'
import { ESCROW_ACCOUNT } from '../../../indexer/registry/akash'
import { helium } from '../../../indexer/registry/helium'
import { decodeBlock, watchedPrograms } from '../../../indexer/sources/solana/decode'

const DAY = 86_400
const now = Math.floor(Date.UTC(2026, 5, 1) / 1000)
const days = 2
const genesis = now - days * DAY
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** the served ABCI events of the kinds the Akash model counts (independent of the indexer's handler) */
function akashEventsServed(c: CometbftDevnet): number {
  let n = 0
  for (let h = 1; h <= c.height; h++) {
    const r = c.handle('block_results', { height: String(h) }) as any
    const block = [...(r.begin_block_events ?? []), ...(r.finalize_block_events ?? [])]
    n += block.filter((e: any) => e.type === 'mint').length
    n += [...(r.end_block_events ?? []), ...(r.finalize_block_events ?? [])].filter((e: any) => e.type === 'burn').length
    for (const tx of r.txs_results) {
      for (const e of tx.events) {
        // before the upgrade the v0.38 node (Tendermint 0.34) serves attribute keys and values base64
        const text = (x: string) => (r.finalize_block_events ? x : Buffer.from(x, 'base64').toString())
        const a = Object.fromEntries(e.attributes.map((x: any) => [text(x.key), text(x.value)]))
        if (e.type.startsWith('akash.')) n++
        else if (e.type === 'message' && ['deployment', 'market', 'provider'].includes(a.module) && a.action && !a.action.startsWith('/')) n++
        else if (e.type === 'transfer' && a.sender === ESCROW_ACCOUNT) n++
      }
    }
    // deposits: one per deposit message (v0.38 MsgDepositDeployment, v1 MsgAccountDeposit)
    const block2 = c.handle('block', { height: String(h) }) as any
    for (const tx of block2.block.data.txs as string[]) {
      const raw = Buffer.from(tx, 'base64').toString('latin1')
      if (raw.includes('MsgDepositDeployment') || raw.includes('MsgAccountDeposit')) n++
    }
  }
  return n
}

function akash(density?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'sim-density-'))
  dirs.push(dir)
  const c = new CometbftDevnet({ port: 0, chainId: 'akashnet-2', seed: 11, genesis, stateDir: dir, historyBlockSeconds: 3600, key: 1, upgradeHeight: 24, takeChangeHeight: 36, ...(density ? { density } : {}) })
  c.catchUp(now)
  return c
}

describe('SIM_DENSITY of the Filecoin, Akash and Helium generators', () => {
  it('Filecoin: density 1 is the model unchanged, density 3 about three times the actor events', () => {
    const base = new FilecoinSim(42, genesis)
    const one = new FilecoinSim(42, genesis, 1)
    const three = new FilecoinSim(42, genesis, 3)
    const head = base.firstEpoch + days * 2880
    const a = base.eventsIn(base.firstEpoch, head)
    expect(one.eventsIn(one.firstEpoch, head)).toEqual(a)
    const n3 = three.eventsIn(three.firstEpoch, head).length
    // the count the benchmark datasets report, taken without building the events
    expect(three.countIn(three.firstEpoch, head)).toBe(n3)
    expect(base.countIn(base.firstEpoch + 2880, head)).toBe(base.eventsIn(base.firstEpoch + 2880, head).length)
    expect(a.length).toBeGreaterThan(500)
    expect(n3 / a.length).toBeGreaterThan(2.5)
    expect(n3 / a.length).toBeLessThan(3.5)
  })

  it('Akash: density 1 is the model unchanged; the counted chain events are the served ones; density 3 about three times', () => {
    const base = akash()
    const one = akash(1)
    expect(one.height).toBe(base.height)
    for (let h = 1; h <= base.height; h++) expect(one.handle('block', { height: String(h) })).toEqual(base.handle('block', { height: String(h) }))
    const three = akash(3)
    const n1 = base.chainEventsThrough(base.height)
    const n3 = three.chainEventsThrough(three.height)
    expect(akashEventsServed(base)).toBe(n1)
    expect(akashEventsServed(three)).toBe(n3)
    expect(n1).toBeGreaterThan(200)
    // the mint events (one per block) and x/gov burns (about one a day) do not scale with density; the rest is a
    // 2-day sample of a random model (seed 11: 2.25)
    const mints = base.height
    expect((n3 - mints) / (n1 - mints)).toBeGreaterThan(2)
    expect((n3 - mints) / (n1 - mints)).toBeLessThan(3.7)
  })

  it('Helium: density 1 is the model unchanged; the counted instructions are what the source decodes; density 3 about three times', () => {
    const base = new HeliumSim(9, genesis)
    const one = new HeliumSim(9, genesis, 1)
    const three = new HeliumSim(9, genesis, 3)
    const to = base.slotAt(genesis + DAY)
    const slots = base.blocksIn(base.firstSlot, to)
    const programs = watchedPrograms(helium.solana!)
    const decoded = (sim: HeliumSim) => sim.blocksIn(sim.firstSlot, to).reduce((n, s) => n + decodeBlock(s, sim.block(s), programs).items.filter((i) => i.ok).length, 0)
    for (const s of slots.slice(0, 50)) expect(one.block(s)).toEqual(base.block(s))
    const n1 = base.indexedInstructions(base.firstSlot, to)
    const n3 = three.indexedInstructions(three.firstSlot, to)
    expect(decoded(base)).toBe(n1)
    expect(decoded(three)).toBe(n3)
    // two issueRewardsV0 a day do not scale
    expect(n1).toBeGreaterThan(150)
    expect(n3 / n1).toBeGreaterThan(2.5)
    expect(n3 / n1).toBeLessThan(3.5)
  })
})
