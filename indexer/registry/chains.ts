import type { ChainDef } from './types'

export const arbitrumOne: ChainDef = {
  id: 'arbitrum-one',
  name: 'Arbitrum One',
  chainId: 42161,
  // Arbitrum One reorgs are rare and shallow (sequencer ordering); 10 blocks keeps hot-block tracking cheap.
  finalityConfirmations: 10,
  nativeSymbol: 'ETH',
}

export const polygon: ChainDef = {
  id: 'polygon',
  name: 'Polygon PoS',
  chainId: 137,
  // Polygon PoS has had reorgs of dozens of blocks before its 2023 finality upgrade; milestones now finalize in ~16 s
  finalityConfirmations: 64,
  nativeSymbol: 'POL',
}

export const base: ChainDef = {
  id: 'base',
  name: 'Base',
  chainId: 8453,
  finalityConfirmations: 10,
  nativeSymbol: 'ETH',
}

export const iotex: ChainDef = {
  id: 'iotex',
  name: 'IoTeX',
  chainId: 4689,
  // IoTeX has instant finality (Roll-DPoS); a few blocks of margin for RPC nodes
  finalityConfirmations: 3,
  nativeSymbol: 'IOTX',
}

/**
 * Filecoin mainnet, read over Lotus JSON-RPC (built-in actor events and state). 314 is Filecoin's EVM (FEVM) chain
 * id, so no other chain uses it. Epochs are 30 s; a tipset is final after 900 epochs (EC finality; F3 finalizes
 * sooner, but the source does not rely on it).
 */
export const filecoin: ChainDef = {
  id: 'filecoin',
  name: 'Filecoin',
  chainId: 314,
  kind: 'lotus',
  finalityConfirmations: 900,
  nativeSymbol: 'FIL',
}

/**
 * Akash: a Cosmos SDK chain read over CometBFT JSON-RPC. Instant finality (no reorgs). Its chain id is the string
 * `akashnet-2`; rows carry the project-assigned numeric key below, outside the range of registered EVM chain ids.
 */
export const akashnet: ChainDef = {
  id: 'akash',
  name: 'Akash',
  chainId: 1_000_002,
  kind: 'cometbft',
  cometbftChainId: 'akashnet-2',
  finalityConfirmations: 0,
  nativeSymbol: 'AKT',
}

/**
 * Solana mainnet-beta, read over Solana JSON-RPC (getBlock of finalized slots; indexer/sources/solana). Its genesis
 * hash names it (5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc9iu9Vm9Kn); rows carry the numeric chain id Relay
 * (relay.link) assigns to Solana, 792703809, which no EVM chain uses. Blocks are numbered by slot; only slots
 * the cluster has finalized are read (commitment `finalized`, ~32 slots behind the tip), so nothing is rolled back.
 */
export const solana: ChainDef = {
  id: 'solana',
  name: 'Solana',
  chainId: 792_703_809,
  kind: 'solana',
  finalityConfirmations: 0,
  nativeSymbol: 'SOL',
}

/** Every chain the registry knows, in a fixed order (devnet ports are assigned in this order). */
export const allChains: ChainDef[] = [arbitrumOne, polygon, base, iotex, filecoin, akashnet, solana]

export const isLotus = (c: ChainDef) => c.kind === 'lotus'
export const isCometbft = (c: ChainDef) => c.kind === 'cometbft'
export const isSolana = (c: ChainDef) => c.kind === 'solana'
