/** docs/networks.md is generated from the registry and must be current. */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { NETWORKS_DOC, renderNetworksDoc } from '../../cli/docs-networks'

it('docs/networks.md matches the registry (regenerate with: tsx cli/docs-networks.ts)', () => {
  expect(readFileSync(NETWORKS_DOC, 'utf8')).toBe(renderNetworksDoc())
})
