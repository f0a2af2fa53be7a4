import { onchainTable } from 'ponder'

/** One row per event, as the project's raw_event (chain, block, transaction, log index, contract, event, decoded args). */
export const rawEvent = onchainTable('raw_event', (t) => ({
  id: t.text().primaryKey(),
  chainId: t.integer().notNull(),
  blockNumber: t.bigint().notNull(),
  blockTimestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
  logIndex: t.integer().notNull(),
  address: t.hex().notNull(),
  contract: t.text().notNull(),
  event: t.text().notNull(),
  args: t.json().notNull(),
}))
