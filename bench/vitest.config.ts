import { defineConfig } from 'vitest/config'

// The benchmarks run through vitest only as a TypeScript runner: they print figures and assert
// nothing about time (timed assertions do not belong in tests).
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // Memory figures need a collection before each reading.
    execArgv: ['--expose-gc'],
    reporters: ['default']
  }
})
