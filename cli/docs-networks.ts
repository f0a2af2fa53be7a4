/** Writes docs/networks.md from the registry (so the doc cannot drift): `tsx cli/docs-networks.ts`. */
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { categories, networks, priceFeeds } from '../indexer/registry'

export function renderNetworksDoc(): string {
  const out: string[] = [
    '# Networks',
    '',
    'Generated from `indexer/registry/` by `tsx cli/docs-networks.ts`; a test fails when this file is stale.',
    'Logs are emitted by proxies, so the addresses are the proxies where there is one. Events are decoded by topic0.',
    '',
    '## Categories',
    '',
    '| id | name | colour |',
    '|---|---|---|',
    ...categories.map((c) => `| ${c.id} | ${c.name} | \`${c.color}\` |`),
    '',
  ]
  for (const n of networks) {
    out.push(`## ${n.name} (\`${n.id}\`)`, '')
    out.push(`- Category: ${n.category} (also ${n.categories.filter((c) => c !== n.category).join(', ') || '—'})`)
    if (n.chain.kind === 'cometbft') {
      out.push(`- Chain: ${n.chain.name}, CometBFT chain id \`${n.chain.cometbftChainId}\` (stored as ${n.chain.chainId}), read over CometBFT JSON-RPC, instant finality`)
      out.push(`- Token: ${n.token.symbol} (native coin), ${n.token.decimals} decimals; fees in ${n.feeAsset.symbol}${n.otherFeeAssets?.length ? ` and ${n.otherFeeAssets.map((a) => `${a.symbol} (${a.source})`).join(', ')}` : ''}`)
    } else if (n.chain.kind === 'solana') {
      out.push(`- Chain: ${n.chain.name} mainnet-beta (stored as chain id ${n.chain.chainId}), read over Solana JSON-RPC at commitment \`finalized\` (blocks by slot)`)
      out.push(`- Token: ${n.token.symbol} \`${n.token.address}\` (SPL), ${n.token.decimals} decimals; fees in ${n.feeAsset.symbol}${n.feeAsset.address ? ` \`${n.feeAsset.address}\`` : ''}${n.feeAsset.fixedUsdPrice ? ` at a fixed ${n.feeAsset.fixedUsdPrice.usd} USD (${n.feeAsset.fixedUsdPrice.source})` : ''}`)
    } else {
      out.push(`- Chain: ${n.chain.name}, chain id ${n.chain.chainId}${n.chain.kind && n.chain.kind !== 'evm' ? ` (${n.chain.kind} source)` : ''}, finality ${n.chain.finalityConfirmations} ${n.chain.kind === 'lotus' ? 'epochs' : 'blocks'} by default`)
      out.push(`- Token: ${n.token.symbol}${n.token.address ? ` \`${n.token.address}\`` : ' (native)'}, ${n.token.decimals} decimals; fees in ${n.feeAsset.symbol}${n.feeAsset.onchainPrice ? `, priced on chain: ${n.feeAsset.onchainPrice.source}` : ''}`)
    }
    out.push(`- Max supply: ${n.token.maxSupply != null ? (n.token.maxSupply / 10n ** BigInt(n.token.decimals)).toLocaleString('en-US') + ' ' + n.token.symbol : 'none or unknown (FDV uses total supply)'}`)
    if (n.capacityUnit) out.push(`- Capacity unit: ${n.capacityUnit}${n.leasesUseCapacity ? ' (a lease occupies one unit: utilization = active leases / capacity)' : n.leasedCapacity ? ' (leases record the capacity they take: utilization = leased capacity / capacity)' : ''}`)
    for (const a of n.nonCirculating ?? []) out.push(`- Non-circulating: \`${a.address}\` — ${a.label} (${a.source})`)
    if (n.lotus) out.push('- Non-circulating: FilLocked read from chain state (SUPPLY_LOCK / SUPPLY_UNLOCK at each sample)')
    else if (!n.nonCirculating?.length) out.push('- Non-circulating: none listed (circulating supply = total supply)')
    if (n.price) out.push(`- USD price: ${n.price.kind === 'import' ? `imported (${n.price.asset}, CoinGecko CSV)` : `on-chain feed (${n.price.asset})`}`)
    out.push(`- Source: ${n.source}`, '')
    if (n.notes?.length) {
      out.push('**Flags and caveats**', '')
      for (const note of n.notes) out.push(`- ${note}`)
      out.push('')
    }
    if (n.lotus) {
      out.push('### Built-in actor events (Filecoin.GetActorEventsRaw, filtered by `$type`)', '')
      out.push('Each event is a list of entries {Flags, Key, Codec 0x51 (IPLD CBOR), Value}; the first is `$type`.', '')
      out.push('| $type | emitter | entries | facts | meaning | source |', '|---|---|---|---|---|---|')
      for (const e of n.lotus.events) out.push(`| ${e.type} | ${e.actor} | ${e.fields} | ${e.facts ? 'yes' : 'raw only'} | ${e.meaning.replace(/\|/g, '\\|')} | ${e.source} |`)
      out.push('', `### State read every ${n.lotus.sampleEpochs} epochs`, '')
      out.push('| method | what it gives | source |', '|---|---|---|')
      for (const r of n.lotus.stateReads) out.push(`| ${r.method} | ${r.meaning.replace(/\|/g, '\\|')} | ${r.source} |`)
      out.push('')
    }
    if (n.cosmos) {
      out.push('### Transaction messages', '', '| message | facts | meaning |', '|---|---|---|')
      for (const m of n.cosmos.messages) out.push(`| \`${m.name}\` | ${m.facts ? 'yes' : 'state only'} | ${m.meaning.replace(/\|/g, '\\|')} |`)
      out.push('', '### Events', '', '| event (`module/action` of a message event, or type) | facts | meaning |', '|---|---|---|')
      for (const e of n.cosmos.events) out.push(`| ${e.name} | ${e.facts ? 'yes' : 'raw only'} | ${e.meaning.replace(/\|/g, '\\|')} |`)
      out.push('')
    }
    if (n.solana) {
      out.push('### Programs (Anchor IDLs of @helium/idls, in indexer/abi/helium)', '', '| program | id | source |', '|---|---|---|')
      for (const p of n.solana.programs) out.push(`| ${p.name} | \`${p.programId}\` | ${p.source} |`)
      out.push('', '### Instructions (top-level or by CPI; decoded by their 8-byte Anchor discriminator)', '', '| program | instruction | discriminator | facts | meaning |', '|---|---|---|---|---|')
      for (const i of n.solana.instructions) {
        const ix = n.solana.programs.find((p) => p.name === i.program)?.idl.instructions.find((x: any) => x.name === i.name)
        out.push(`| ${i.program} | ${i.name} | \`${Buffer.from(ix?.discriminator ?? []).toString('hex')}\` | ${i.facts ? 'yes' : 'raw only'} | ${i.meaning.replace(/\|/g, '\\|')} |`)
      }
      out.push('')
    }
    for (const c of n.contracts) {
      out.push(`### ${c.name}`, '')
      out.push(`\`${c.address}\` — ${c.proxy ? 'proxy' : 'not a proxy'}, start block ${c.startBlock.toLocaleString('en-US')}, confidence **${c.confidence}**${c.confidence !== 'high' ? ' ⚠' : ''}`, '')
      out.push(`Source: ${c.source}`, '')
      out.push('| event | topic0 | facts | meaning |', '|---|---|---|---|')
      for (const e of c.events) out.push(`| ${e.name}${e.confidence && e.confidence !== 'high' ? ` (${e.confidence} confidence)` : ''} | \`${e.abi.topic}\` | ${e.facts ? 'yes' : 'raw only'} | ${e.meaning.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`)
      out.push('')
    }
  }
  out.push('## Price feeds', '')
  out.push('| pair | chain | aggregator (emits AnswerUpdated) | proxy | decimals | confidence | source |', '|---|---|---|---|---|---|---|')
  for (const f of priceFeeds) {
    out.push(`| ${f.asset}/${f.quote} | ${f.chain.name} | \`${f.aggregator}\` | \`${f.proxy}\` | ${f.decimals} | ${f.confidence} | ${f.source} |`)
  }
  out.push('', 'The aggregator behind a Chainlink proxy changes on phase upgrades: before a long mainnet backfill, read',
    '`proxy.aggregator()` and `phaseAggregators(i)` and add each aggregator with its block range.', '')
  out.push('**Why the other tokens are not priced on chain.** `shared/reference/depin-contracts.json` lists no verified',
    'aggregator address for GRT/USD (Arbitrum One) nor for IOTX/USD (IoTeX), nor for LPT, ATH, DIMO,',
    'GEOD or uSPON, and an unverified address is not guessed: these are priced from imported CoinGecko CSVs',
    '(`npm run prices:import`, source `import:coingecko:<file>`). DIMO Credits (DCX) need no feed: their USD price is set',
    'by the DimoCredit contract itself (`UpdateDimoCreditRate`, stored as DCX/USD price points with source',
    '`onchain:137:<DimoCredit>:UpdateDimoCreditRate`; [methodology](methodology.md#prices)).', '')
  return out.join('\n')
}

export const NETWORKS_DOC = resolve(import.meta.dirname, '../docs/networks.md')

if (process.argv[1] === import.meta.filename) {
  writeFileSync(NETWORKS_DOC, renderNetworksDoc())
  console.log(`wrote ${join('docs', 'networks.md')}`)
}
