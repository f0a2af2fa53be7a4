/**
 * Hand encoding of EVM logs for tests: 32-byte words built from hex strings, topic0 = keccak256 of the
 * canonical signature. Deliberately independent of the codec under test (@subsquid/evm-codec).
 */
import { keccak256, toBytes } from 'viem'

export const topic0 = (canonical: string) => keccak256(toBytes(canonical))
export const word = (n: bigint) => n.toString(16).padStart(64, '0')
export const addrWord = (a: string) => a.toLowerCase().replace(/^0x/, '').padStart(64, '0')
export const addrTopic = (a: string) => '0x' + addrWord(a)
export const data = (...words: string[]) => '0x' + words.join('')

/** dynamic `bytes` tail: length word + right-padded content */
export const bytesTail = (hex: string) => {
  const h = hex.replace(/^0x/, '')
  return word(BigInt(h.length / 2)) + h.padEnd(Math.ceil(h.length / 64) * 64, '0')
}
