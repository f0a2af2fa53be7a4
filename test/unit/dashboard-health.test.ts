/**
 * The network page's health alerts (dashboard/src/model.ts healthAlerts) and its colour shades
 * (dashboard/src/colors.ts categoryShades), against hand-written cases.
 */
import { describe, expect, it } from 'vitest'
import type { ChainStatus } from '../../dashboard/src/api'
import { categoryShades } from '../../dashboard/src/colors'
import { healthAlerts, LAG_ALERT_BLOCKS, STALL_ALERT_SECONDS } from '../../dashboard/src/model'

const NOW = Date.parse('2026-11-30T12:00:00Z')
const chain = (c: Partial<ChainStatus> & { chain: string }): ChainStatus => ({
  chainId: 1, name: c.chain.toUpperCase(), height: 100, head: 100, lag: 0, lagSeconds: 5, timestamp: '2026-11-30T11:59:55Z', ...c,
})
const ids = (xs: { id: string; level: string }[]) => xs.map((a) => `${a.level}:${a.id}`)

describe('health alerts', () => {
  it('none while every chain is caught up and the network had an event today', () => {
    expect(healthAlerts([chain({ chain: 'base' }), chain({ chain: 'polygon' })], 'base', '2026-11-30T10:00:00Z', NOW)).toEqual([])
  })

  it('the network\'s own chain warns, other chains inform: not started, head unknown, behind', () => {
    const status = [
      chain({ chain: 'base', height: null, head: 50, lag: null }),
      chain({ chain: 'polygon', height: null, head: 50, lag: null }),
      chain({ chain: 'iotex', head: null, lag: null }),
      chain({ chain: 'arb', lag: LAG_ALERT_BLOCKS + 1 }),
      chain({ chain: 'sol', lag: LAG_ALERT_BLOCKS }), // at the threshold: no alert
    ]
    expect(ids(healthAlerts(status, 'base', undefined, NOW))).toEqual(['warn:start-base', 'info:start-polygon', 'warn:head-iotex', 'info:lag-arb'])
    expect(ids(healthAlerts(status, 'arb', undefined, NOW))).toEqual(['info:start-base', 'info:start-polygon', 'warn:head-iotex', 'warn:lag-arb'])
    expect(healthAlerts(status, 'arb', undefined, NOW).find((a) => a.id === 'lag-arb')!.text).toContain(`${LAG_ALERT_BLOCKS + 1} blocks behind`)
  })

  it('a stalled last block is reported for the network\'s own chain only, in minutes', () => {
    const status = [chain({ chain: 'base', lagSeconds: STALL_ALERT_SECONDS + 1 }), chain({ chain: 'polygon', lagSeconds: 3600 })]
    const alerts = healthAlerts(status, 'base', undefined, NOW)
    expect(ids(alerts)).toEqual(['warn:stall-base'])
    expect(alerts[0].text).toContain('10 minutes old')
    expect(healthAlerts([chain({ chain: 'base', lagSeconds: STALL_ALERT_SECONDS })], 'base', undefined, NOW)).toEqual([])
  })

  it('a network quiet for more than two days is noted with the number of whole days', () => {
    expect(ids(healthAlerts([], 'base', '2026-11-27T11:00:00Z', NOW))).toEqual(['info:quiet'])
    expect(healthAlerts([], 'base', '2026-11-27T11:00:00Z', NOW)[0].text).toContain('last 3 days')
    expect(healthAlerts([], 'base', '2026-11-28T12:00:00Z', NOW)).toEqual([]) // exactly two days
  })
})

describe('category shades', () => {
  const hue = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    const max = Math.max(r, g, b)
    const d = max - Math.min(r, g, b)
    const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4
    return (h * 60 + 360) % 360
  }

  it('gives each network of a category a distinct shade of its colour, the same whatever subset is shown', () => {
    const all = ['akash', 'aethir', 'livepeer', 'spheron', 'render', 'ionet']
    const shades = categoryShades(all, '#6366f1')
    expect(new Set(shades.values()).size).toBe(all.length)
    for (const c of shades.values()) {
      expect(c).toMatch(/^#[0-9a-f]{6}$/)
      expect(Math.abs(hue(c) - hue('#6366f1')), `${c} is a shade of #6366f1`).toBeLessThan(10)
    }
    // the first network in id order keeps the category's own colour; order of the input does not matter
    expect(shades.get('aethir')).toBe('#6366f1')
    expect(categoryShades([...all].reverse(), '#6366f1')).toEqual(shades)
  })
})
