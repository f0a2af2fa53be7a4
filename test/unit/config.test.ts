/** Bad configuration fails at start with the variable named. */
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, rpcUrlOf } from '../../common/config'

describe('loadConfig', () => {
  it('defaults to the embedded database and the devnet', () => {
    const c = loadConfig({})
    expect(c.PORT).toBe(4350)
    expect(c.DEVNET_PORT).toBe(8545)
    expect(c.DATABASE_URL).toBeUndefined()
    expect(c.usesDevnet).toBe(true)
    expect(rpcUrlOf(c, c.chains[0])).toBe('ws://127.0.0.1:8545')
  })

  it('reads Filecoin over Lotus JSON-RPC: the devnet server at DEVNET_PORT + 4, or an http(s) endpoint with a token', () => {
    const c = loadConfig({})
    const fil = c.chains.find((x) => x.chain.id === 'filecoin')!
    expect(rpcUrlOf(c, fil)).toBe('http://127.0.0.1:8549/rpc/v1')
    const real = loadConfig({ RPC_FILECOIN_URL: 'https://api.node.glif.io/rpc/v1', RPC_FILECOIN_TOKEN: 't0k', FINALITY_FILECOIN: '0' })
    expect(real.chains.find((x) => x.chain.id === 'filecoin')).toMatchObject({ rpcUrl: 'https://api.node.glif.io/rpc/v1', token: 't0k', finality: 0 })
  })

  it('reads Akash over CometBFT JSON-RPC: the devnet server at DEVNET_PORT + 5, or an http(s) node with a start height', () => {
    const c = loadConfig({})
    const akash = c.chains.find((x) => x.chain.id === 'akash')!
    expect(rpcUrlOf(c, akash)).toBe('http://127.0.0.1:8550')
    const real = loadConfig({ RPC_AKASH_URL: 'https://rpc.akash.example:443', START_BLOCK_AKASH: '21000000' }).chains.find((x) => x.chain.id === 'akash')!
    expect(real).toMatchObject({ rpcUrl: 'https://rpc.akash.example:443', startBlock: 21_000_000 })
    expect(real.chain.cometbftChainId).toBe('akashnet-2')
  })

  it('reads Solana over JSON-RPC: the devnet server at DEVNET_PORT + its chain index, or an http(s) endpoint; refuses ws(s), a gateway and non-URLs', () => {
    const c = loadConfig({})
    const i = c.chains.findIndex((x) => x.chain.id === 'solana')
    expect(i).toBeGreaterThanOrEqual(0)
    expect(rpcUrlOf(c, c.chains[i])).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const real = loadConfig({ RPC_SOLANA_URL: 'https://api.mainnet-beta.solana.com', START_BLOCK_SOLANA: '189000000' })
    expect(real.chains.find((x) => x.chain.id === 'solana')).toMatchObject({ rpcUrl: 'https://api.mainnet-beta.solana.com', startBlock: 189_000_000 })
    const bad: [Record<string, string>, RegExp][] = [
      [{ RPC_SOLANA_URL: 'wss://api.mainnet-beta.solana.com' }, /RPC_SOLANA_URL: Solana is read over Solana JSON-RPC: use an http\(s\):\/\/ URL \(got "wss:\/\/api.mainnet-beta.solana.com"\)/],
      [{ RPC_SOLANA_URL: 'api.mainnet-beta.solana.com' }, /RPC_SOLANA_URL: must be a URL/],
      [{ RPC_SOLANA_URL: 'https://api.mainnet-beta.solana.com', GATEWAY_SOLANA_URL: 'https://v2.archive.subsquid.io/network/solana-mainnet' }, /GATEWAY_SOLANA_URL: Solana has no Subsquid gateway \(Solana source\)/],
      [{ RPC_SOLANA_URL: 'https://api.mainnet-beta.solana.com', RPC_SOLANA_TOKEN: 'x' }, /RPC_SOLANA_TOKEN: only Lotus chains take a token/],
    ]
    for (const [env, message] of bad) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError)
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(message)
    }
  })

  it('takes a real RPC endpoint and block range per chain; the devnet serves only chains without one', () => {
    const c = loadConfig({ RPC_ARBITRUM_ONE_URL: 'wss://arb.example/ws', START_BLOCK_ARBITRUM_ONE: '5856156', END_BLOCK_ARBITRUM_ONE: '6000000' })
    expect(c.chains.find((x) => x.chain.id === 'arbitrum-one')).toMatchObject({ rpcUrl: 'wss://arb.example/ws', startBlock: 5856156, endBlock: 6000000 })
    expect(c.usesDevnet).toBe(c.chains.length > 1)
    const all = Object.fromEntries(c.chains.map((x) => [`RPC_${x.chain.id.toUpperCase().replace(/-/g, '_')}_URL`, `https://${x.chain.id}.example`]))
    expect(loadConfig(all).usesDevnet).toBe(false)
  })

  const bad: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /^ {2}PORT: /m],
    [{ PORT: '70000' }, /PORT: /],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must be a URL with protocol postgres: or postgresql:/],
    [{ RPC_ARBITRUM_ONE_URL: 'not a url' }, /RPC_ARBITRUM_ONE_URL: must be a URL/],
    [{ START_BLOCK_ARBITRUM_ONE: '-5' }, /START_BLOCK_ARBITRUM_ONE/],
    [{ START_BLOCK_ARBITRUM_ONE: '10', END_BLOCK_ARBITRUM_ONE: '5' }, /END_BLOCK_ARBITRUM_ONE: must be >= START_BLOCK_ARBITRUM_ONE/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ RPC_REQUEST_TIMEOUT_MS: '-1' }, /RPC_REQUEST_TIMEOUT_MS: /],
    [{ FINALITY_BASE: 'five' }, /FINALITY_BASE: .*"five"/],
    [{ GATEWAY_ARBITRUM_ONE_URL: 'https://v2.archive.subsquid.io/network/arbitrum-one' }, /GATEWAY_ARBITRUM_ONE_URL: needs RPC_ARBITRUM_ONE_URL/],
    [{ RPC_FILECOIN_URL: 'wss://lotus.example/rpc/v1' }, /RPC_FILECOIN_URL: Filecoin is read over Lotus JSON-RPC: use an http\(s\):\/\/ URL/],
    [{ RPC_FILECOIN_URL: 'https://lotus.example/rpc/v1', GATEWAY_FILECOIN_URL: 'https://gw.example' }, /GATEWAY_FILECOIN_URL: Filecoin has no Subsquid gateway/],
    [{ RPC_POLYGON_TOKEN: 'secret' }, /RPC_POLYGON_TOKEN: only Lotus chains take a token/],
    [{ RPC_AKASH_URL: 'wss://rpc.akash.example/websocket' }, /RPC_AKASH_URL: Akash is read over CometBFT JSON-RPC: use an http\(s\):\/\/ URL/],
    [{ RPC_AKASH_URL: 'rpc.akash.example:26657' }, /RPC_AKASH_URL: must be a URL/],
    [{ RPC_AKASH_URL: 'https://rpc.akash.example', GATEWAY_AKASH_URL: 'https://gw.example' }, /GATEWAY_AKASH_URL: Akash has no Subsquid gateway \(CometBFT source\)/],
    [{ RPC_AKASH_URL: 'https://rpc.akash.example', FINALITY_AKASH: '2' }, /FINALITY_AKASH: Akash has instant finality/],
    [{ RPC_AKASH_URL: 'https://rpc.akash.example', START_BLOCK_AKASH: '20000000', END_BLOCK_AKASH: '19000000' }, /END_BLOCK_AKASH: must be >= START_BLOCK_AKASH/],
  ]
  for (const [env, message] of bad) {
    it(`rejects ${JSON.stringify(env)} naming the setting`, () => {
      expect(() => loadConfig(env)).toThrow(ConfigError)
      expect(() => loadConfig(env)).toThrow(message)
    })
  }

  it('reports every bad setting at once', () => {
    try {
      loadConfig({ PORT: 'x', DEVNET_PORT: 'y' })
      expect.unreachable()
    } catch (e) {
      expect((e as ConfigError).issues.map((i) => i.split(':')[0])).toEqual(['PORT', 'DEVNET_PORT'])
    }
  })
})
