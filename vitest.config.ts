import { defineConfig } from 'vitest/config'

export default defineConfig({
  // graphql ships CJS (main) and ESM (module) without an exports map: Node (and graphql-yoga) load the CJS
  // build, Vite would pick the ESM one for our code, and GraphQLError instances would not be recognised
  resolve: { alias: { graphql: 'graphql/index.js' } },
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
