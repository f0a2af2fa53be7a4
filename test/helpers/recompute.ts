/**
 * Independent recomputation of Livepeer daily totals straight from the chain: eth_getLogs over the
 * real contract addresses, decoded with viem from human-readable signatures written here (not the
 * registry, not the Subsquid codec), block timestamps from eth_getBlockByNumber.
 */
import { decodeEventLog, parseAbi } from 'viem'
import { Rpc } from '../../devnet/rpc'

export const LIVEPEER = {
  TicketBroker: '0xa8bb618b1520e284046f3dfc448851a1ff26e41b',
  BondingManager: '0x35bcf3c30594191d53231e4ff333e8a770453e40',
  RoundsManager: '0xdd6f56dcc28d3f5f27084381fe8df634985cc39f',
  Minter: '0xc20de37170b45774e6cd3d2304017fc962f27252',
  LivepeerToken: '0x289ba1701c2f088cf0faf8b3705246331cb8a839',
}
export const ETH_USD_AGGREGATOR = '0x3607e46698d218b3a5cae44bf381475c0a5e2ca7'

const abi = parseAbi([
  'event WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue, uint256 winProb, uint256 senderNonce, uint256 recipientRand, bytes auxData)',
  'event Reward(address indexed transcoder, uint256 amount)',
  'event TreasuryReward(address indexed transcoder, address treasury, uint256 amount)',
  'event Mint(address indexed to, uint256 amount)',
  'event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event TranscoderUpdate(address indexed transcoder, uint256 rewardCut, uint256 feeShare)',
])

/** the Livepeer Treasury (LIP-89/90): LPT held there is not circulating */
export const LIVEPEER_TREASURY = '0xf82c1ff415f1fcf582554fdba790e27019c8e8c4'

export interface DayTotals {
  fees: bigint
  feesUsd: number
  feeCount: number
  rewards: bigint
  treasury: bigint
  minted: bigint
  /** delegators' part of the fees: faceValue x feeShare / 1e6 with the orchestrator's last feeShare */
  shared: bigint
  /** LPT moved into / out of the Treasury */
  locked: bigint
  unlocked: bigint
  events: number
}

export interface Recomputed {
  days: Map<string, DayTotals>
  livepeerLogs: number
  priceLogs: number
  head: number
}

interface RawLog { address: string; topics: `0x${string}`[]; data: `0x${string}`; blockNumber: string; logIndex: string }

export async function recompute(url: string, toBlock: number): Promise<Recomputed> {
  const rpc = new Rpc(url)
  const logs: RawLog[] = []
  for (let from = 0; from <= toBlock; from += 2000) {
    const to = Math.min(toBlock, from + 1999)
    logs.push(...(await rpc.call<RawLog[]>('eth_getLogs', [{ fromBlock: '0x' + from.toString(16), toBlock: '0x' + to.toString(16), address: [...Object.values(LIVEPEER), ETH_USD_AGGREGATOR] }])))
  }
  logs.sort((a, b) => Number(a.blockNumber) - Number(b.blockNumber) || Number(a.logIndex) - Number(b.logIndex))
  const heights = [...new Set(logs.map((l) => l.blockNumber))]
  const ts = new Map<string, number>()
  for (let i = 0; i < heights.length; i += 200) {
    const blocks = await rpc.batch<{ number: string; timestamp: string }>(heights.slice(i, i + 200).map((h) => ({ method: 'eth_getBlockByNumber', params: [h, false] })))
    for (const b of blocks) ts.set(b.number, Number(b.timestamp))
  }
  const days = new Map<string, DayTotals>()
  const day = (l: RawLog) => {
    const key = new Date(ts.get(l.blockNumber)! * 1000).toISOString().slice(0, 10)
    let d = days.get(key)
    if (!d) days.set(key, (d = { fees: 0n, feesUsd: 0, feeCount: 0, rewards: 0n, treasury: 0n, minted: 0n, shared: 0n, locked: 0n, unlocked: 0n, events: 0 }))
    return d
  }
  let price: number | undefined
  const feeShare = new Map<string, bigint>()
  let livepeerLogs = 0
  let priceLogs = 0
  for (const l of logs) {
    const decoded = (() => {
      try {
        return decodeEventLog({ abi, topics: l.topics as [`0x${string}`], data: l.data })
      } catch {
        return undefined // an event this recomputation does not sum
      }
    })()
    if (l.address === ETH_USD_AGGREGATOR) {
      if (decoded?.eventName === 'AnswerUpdated') {
        price = Number(decoded.args!.current) / 1e8
        priceLogs++
      }
      continue
    }
    livepeerLogs++
    const d = day(l)
    d.events++
    if (!decoded) continue
    switch (decoded.eventName) {
      case 'WinningTicketRedeemed':
        d.fees += decoded.args!.faceValue
        d.feeCount++
        if (feeShare.has(decoded.args!.recipient.toLowerCase())) d.shared += (decoded.args!.faceValue * feeShare.get(decoded.args!.recipient.toLowerCase())!) / 1_000_000n
        if (price != null) d.feesUsd += (Number(decoded.args!.faceValue) / 1e18) * price
        break
      case 'TranscoderUpdate':
        feeShare.set(decoded.args!.transcoder.toLowerCase(), decoded.args!.feeShare)
        break
      case 'Reward':
        d.rewards += decoded.args!.amount
        break
      case 'TreasuryReward':
        d.treasury += decoded.args!.amount
        break
      case 'Mint':
        d.minted += decoded.args!.amount
        break
      case 'Transfer':
        if (l.address !== LIVEPEER.LivepeerToken) break
        if (decoded.args!.to.toLowerCase() === LIVEPEER_TREASURY && decoded.args!.from.toLowerCase() !== LIVEPEER_TREASURY) d.locked += decoded.args!.value
        if (decoded.args!.from.toLowerCase() === LIVEPEER_TREASURY && decoded.args!.to.toLowerCase() !== LIVEPEER_TREASURY) d.unlocked += decoded.args!.value
        break
    }
  }
  return { days, livepeerLogs, priceLogs, head: toBlock }
}
