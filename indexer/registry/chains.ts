import type { ChainDef } from './types'

export const arbitrumOne: ChainDef = {
  id: 'arbitrum-one',
  name: 'Arbitrum One',
  chainId: 42161,
  // Arbitrum One reorgs are rare and shallow (sequencer ordering); 10 blocks keeps hot-block tracking cheap.
  finalityConfirmations: 10,
  nativeSymbol: 'ETH',
}

export const chains: ChainDef[] = [arbitrumOne]
