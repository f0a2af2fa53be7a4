/**
 * CometBFT block + block results (JSON as the node serves them) -> CosmosBlockInput: event attributes as text (base64
 * from Tendermint 0.34, plain from CometBFT 0.37 / 0.38; decodeAttributes), transactions decoded from
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

/** strict (padded) base64, as Go's encoding/base64 StdEncoding writes []byte in JSON */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
/** an event attribute key: printable ASCII without spaces (module, action, price-denom, msg_index, ...) */
const KEY = /^[\x21-\x7e]+$/
/** a value: UTF-8 text without control characters other than tab / newline */
const TEXT = /^[^\x00-\x08\x0b-\x1f\x7f]*$/

/** the text of a base64 string, or null when it is not strict base64 of UTF-8 text */
function base64Text(s: string, re: RegExp): string | null {
  if (!BASE64.test(s)) return null
  const bytes = Buffer.from(s, 'base64')
  const text = bytes.toString('utf8')
  if (!Buffer.from(text, 'utf8').equals(bytes) || !re.test(text)) return null // not UTF-8, or not text of that kind
  return text
}

/**
 * An event's attributes as text. Tendermint 0.34 (Akash node v0.38 and earlier: Cosmos SDK 0.45) serves attribute
 * keys and values as base64 ([]byte in Go's JSON); CometBFT 0.37 / 0.38 as plain strings. Decided per event, all
 * or nothing: an event is base64 when every key is strict base64 of a printable key and every value strict base64
 * of UTF-8 text. A plain event cannot pass by chance in practice: plain keys (`module`, `owner`, `dseq`, ...) are
 * not base64 of printable text, and a value alone (`1000` is valid base64) never decides.
 */
export function decodeAttributes(e: CometEventJson): { encoding: 'plain' | 'base64'; attributes: AbciEvent['attributes'] } {
  const attrs = e.attributes ?? []
  const decoded = attrs.map((a) => {
    const key = base64Text(a.key ?? '', KEY)
    const value = a.value == null || a.value === '' ? '' : base64Text(a.value, TEXT)
    return key == null || value == null ? null : { key, value }
  })
  if (decoded.length && decoded.every((a) => a != null)) return { encoding: 'base64', attributes: decoded as AbciEvent['attributes'] }
  return { encoding: 'plain', attributes: attrs.map((a) => ({ key: a.key, value: a.value ?? '' })) }
}

const events = (xs: CometEventJson[] | null | undefined): AbciEvent[] =>
  (xs ?? []).map((e) => ({ type: e.type, attributes: decodeAttributes(e).attributes }))

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
