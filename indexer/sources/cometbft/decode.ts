/**
 * CometBFT block + block results (JSON as the node serves them) -> CosmosBlockInput: transactions decoded from
 * base64 protobuf (cosmos.tx.v1beta1.TxRaw -> TxBody -> Any messages, decoded with the registered message types),
 * their hashes (sha256 of the raw bytes, upper-case hex as CometBFT prints them), results and events.
 */
import { createHash } from 'node:crypto'
import { TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx'
import { MsgCloseDeployment, MsgCreateDeployment, MsgDepositDeployment } from '@akashnetwork/akash-api/akash/deployment/v1beta3'
import { MsgCloseBid, MsgCloseLease, MsgCreateBid, MsgCreateLease, MsgWithdrawLease } from '@akashnetwork/akash-api/akash/market/v1beta4'
import { MsgCreateProvider, MsgDeleteProvider, MsgUpdateProvider } from '@akashnetwork/akash-api/akash/provider/v1beta3'
import * as v1 from '@akashnetwork/chain-sdk/private-types/akash.v1'
import * as v1beta4 from '@akashnetwork/chain-sdk/private-types/akash.v1beta4'
import * as v1beta5 from '@akashnetwork/chain-sdk/private-types/akash.v1beta5'
import type { AbciEvent, CosmosBlockInput } from '../../registry'
import type { CometBlock, CometBlockResults, CometEventJson } from './client'

interface Codec {
  decode(bytes: Uint8Array): unknown
}

/**
 * Message types decoded from transactions, by type URL: the v0.38 node's (@akashnetwork/akash-api) and the v1
 * node's (@akashnetwork/chain-sdk: deployment v1beta4, market v1beta5, provider v1beta4, escrow v1).
 */
export const MESSAGE_CODECS: Record<string, Codec> = {
  '/akash.deployment.v1beta4.MsgCreateDeployment': v1beta4.MsgCreateDeployment,
  '/akash.deployment.v1beta4.MsgUpdateDeployment': v1beta4.MsgUpdateDeployment,
  '/akash.deployment.v1beta4.MsgCloseDeployment': v1beta4.MsgCloseDeployment,
  '/akash.escrow.v1.MsgAccountDeposit': v1.MsgAccountDeposit,
  '/akash.market.v1beta5.MsgCreateBid': v1beta5.MsgCreateBid,
  '/akash.market.v1beta5.MsgCloseBid': v1beta5.MsgCloseBid,
  '/akash.market.v1beta5.MsgCreateLease': v1beta5.MsgCreateLease,
  '/akash.market.v1beta5.MsgCloseLease': v1beta5.MsgCloseLease,
  '/akash.market.v1beta5.MsgWithdrawLease': v1beta5.MsgWithdrawLease,
  '/akash.provider.v1beta4.MsgCreateProvider': v1beta4.MsgCreateProvider,
  '/akash.provider.v1beta4.MsgUpdateProvider': v1beta4.MsgUpdateProvider,
  '/akash.provider.v1beta4.MsgDeleteProvider': v1beta4.MsgDeleteProvider,
  '/akash.deployment.v1beta3.MsgCreateDeployment': MsgCreateDeployment,
  '/akash.deployment.v1beta3.MsgDepositDeployment': MsgDepositDeployment,
  '/akash.deployment.v1beta3.MsgCloseDeployment': MsgCloseDeployment,
  '/akash.market.v1beta4.MsgCreateBid': MsgCreateBid,
  '/akash.market.v1beta4.MsgCloseBid': MsgCloseBid,
  '/akash.market.v1beta4.MsgCreateLease': MsgCreateLease,
  '/akash.market.v1beta4.MsgCloseLease': MsgCloseLease,
  '/akash.market.v1beta4.MsgWithdrawLease': MsgWithdrawLease,
  '/akash.provider.v1beta3.MsgCreateProvider': MsgCreateProvider,
  '/akash.provider.v1beta3.MsgUpdateProvider': MsgUpdateProvider,
  '/akash.provider.v1beta3.MsgDeleteProvider': MsgDeleteProvider,
}

export const txHash = (raw: Uint8Array) => createHash('sha256').update(raw).digest('hex').toUpperCase()

const events = (xs: CometEventJson[] | null | undefined): AbciEvent[] =>
  (xs ?? []).map((e) => ({ type: e.type, attributes: (e.attributes ?? []).map((a) => ({ key: a.key, value: a.value ?? '' })) }))

export class BlockDecodeError extends Error {}

export function decodeBlock(b: CometBlock, r: CometBlockResults): CosmosBlockInput {
  const height = Number(b.block.header.height)
  if (Number(r.height) !== height) throw new BlockDecodeError(`block_results height ${r.height} does not match block ${height}`)
  const rawTxs = b.block.data.txs ?? []
  const results = r.txs_results ?? []
  if (results.length !== rawTxs.length) throw new BlockDecodeError(`block ${height}: ${rawTxs.length} txs but ${results.length} results`)
  const txs = rawTxs.map((b64, i) => {
    const raw = Buffer.from(b64, 'base64')
    const msgs: CosmosBlockInput['txs'][number]['msgs'] = []
    const undecoded: string[] = []
    try {
      const body = TxBody.decode(TxRaw.decode(raw).bodyBytes)
      for (const any of body.messages) {
        const codec = MESSAGE_CODECS[any.typeUrl]
        if (!codec) continue // messages of other modules (bank sends, staking, IBC...) are not needed
        try {
          msgs.push({ typeUrl: any.typeUrl, value: codec.decode(any.value) })
        } catch (e) {
          undecoded.push(`${any.typeUrl}: ${(e as Error).message}`)
        }
      }
    } catch (e) {
      undecoded.push(`tx: ${(e as Error).message}`)
    }
    return { hash: txHash(raw), code: results[i].code ?? 0, msgs, undecoded, events: events(results[i].events) }
  })
  return {
    height,
    hash: b.block_id.hash,
    timestamp: Date.parse(b.block.header.time),
    blockEvents: [...events(r.begin_block_events), ...events(r.finalize_block_events), ...events(r.end_block_events)],
    txs,
  }
}
