// The built preload runs sandboxed, where `require` knows only electron and a few Node
// built-ins: whatever else it uses (zod, for the contract's schemas) must be bundled into it.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const preload = path.join(root, 'out/preload/index.cjs')

it('requires nothing but electron', () => {
  // The suite runs after `npm run build` (see start.test.ts): a missing build is a mistake in how it was started.
  if (!existsSync(preload)) throw new Error('out/ is missing: run `npm run build` before these tests')
  const required = [...readFileSync(preload, 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])
  expect(required.length).toBeGreaterThan(0)
  expect([...new Set(required)]).toEqual(['electron'])
})
