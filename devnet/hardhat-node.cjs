// Runs `hardhat node` (argv passed through) and exits when the process that started it is gone.
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) process.exit(0)
}, 1000).unref()
require('hardhat/internal/cli/cli.js')
