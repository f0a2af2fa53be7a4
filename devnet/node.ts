/** Starts the devnet EVM node: Hardhat 2 (EDR engine) as a child process on 127.0.0.1:<port>. */
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { killOnExit } from '../common/logger'
import { Rpc } from './rpc'

const root = resolve(import.meta.dirname, '..')

export interface DevnetNode {
  rpc: Rpc
  httpUrl: string
  wsUrl: string
  chainId: number
  process: ChildProcess
  stop(): Promise<void>
}

/** blockGasLimit: raised for dense benchmark chains (SIM_DENSITY > 1), so that a block holds what the simulator sends */
export async function startDevnetNode(opts: { port: number; chainId: number; initialDate: Date; stateDir: string; blockGasLimit?: number }): Promise<DevnetNode> {
  mkdirSync(opts.stateDir, { recursive: true })
  const logFile = createWriteStream(join(opts.stateDir, `node-${opts.chainId}.log`))
  const child = spawn(
    process.execPath,
    [join(root, 'devnet/hardhat-node.cjs'), 'node', '--config', join(root, 'devnet/hardhat.config.cjs'), '--hostname', '127.0.0.1', '--port', String(opts.port)],
    {
      cwd: root,
      env: {
        ...process.env,
        DEVNET_CHAIN_ID: String(opts.chainId),
        DEVNET_INITIAL_DATE: opts.initialDate.toISOString(),
        DEVNET_STATE_DIR: opts.stateDir,
        ...(opts.blockGasLimit ? { DEVNET_BLOCK_GAS_LIMIT: String(opts.blockGasLimit) } : {}),
        HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true',
        HARDHAT_TELEMETRY_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // own process group: a terminal Ctrl-C reaches only the parent, which stops children in order
      detached: true,
    },
  )
  killOnExit(child)
  child.stdout!.pipe(logFile)
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const httpUrl = `http://127.0.0.1:${opts.port}`
  const rpc = new Rpc(httpUrl)
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  const deadline = Date.now() + 60_000
  for (;;) {
    const code = await Promise.race([exited, new Promise<'wait'>((r) => setTimeout(() => r('wait'), 250))])
    if (code !== 'wait') throw new Error(`devnet node exited with code ${code} on port ${opts.port}: ${stderr.slice(-2000)}`)
    try {
      const id = Number(await rpc.call('eth_chainId'))
      if (id !== opts.chainId) throw new Error(`devnet on port ${opts.port} answers chain id ${id}, expected ${opts.chainId}: is another node using the port?`)
      break
    } catch (e) {
      if ((e as Error).message.includes('chain id')) throw e
      if (Date.now() > deadline) throw new Error(`devnet node did not answer on ${httpUrl} within 60 s: ${stderr.slice(-2000)}`)
    }
  }
  return {
    rpc, httpUrl, wsUrl: `ws://127.0.0.1:${opts.port}`, chainId: opts.chainId, process: child,
    stop: async () => {
      if (child.exitCode != null) return
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode == null) child.kill('SIGKILL')
    },
  }
}
