import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // integration and e2e tests boot Postgres, a devnet and Chromium: give them room, and run files one at a time
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    pool: 'forks',
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  },
})
