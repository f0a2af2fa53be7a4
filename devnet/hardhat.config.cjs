// Hardhat 2 (EDR) network used as the local devnet. Values come from the environment set by devnet/node.ts.
const path = require('node:path')
module.exports = {
  paths: { cache: path.join(process.env.DEVNET_STATE_DIR || path.join(__dirname, '../.data/devnet'), 'hardhat-cache') },
  networks: {
    hardhat: {
      chainId: Number(process.env.DEVNET_CHAIN_ID || 42161),
      initialDate: process.env.DEVNET_INITIAL_DATE || undefined,
      loggingEnabled: false,
      blockGasLimit: Number(process.env.DEVNET_BLOCK_GAS_LIMIT || 60_000_000),
      // zero fees: the simulator pays no gas, and block contents do not depend on fee estimation
      initialBaseFeePerGas: 0,
      accounts: { count: 2 },
      mining: { auto: true },
    },
  },
}
