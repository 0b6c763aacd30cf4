// `npm start` where the Electron binary is missing (as on CI): one line saying so, then the
// browser workbench. SPYGLASS_NO_ELECTRON makes the binary count as missing even where it is
// installed; SPYGLASS_NO_BROWSER keeps the test from opening a browser.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { exitOf, readUntilWorkbenchUrl } from './workbenchUrl'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
let configDir: string

beforeAll(async () => {
  // Without a build, start.mjs would build first; the suite runs after `npm run build`, so a missing
  // build here is a mistake in how the tests were started.
  if (!existsSync(path.join(root, 'out/renderer/index.html'))) throw new Error('out/ is missing: run `npm run build` before these tests')
  configDir = await mkdtemp(path.join(tmpdir(), 'spyglass-start-'))
})

afterAll(async () => {
  await rm(configDir, { recursive: true, force: true })
})

it('prints one line about Electron, then serves the workbench until SIGTERM', async () => {
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, SPYGLASS_NO_ELECTRON: '1', SPYGLASS_NO_BROWSER: '1', SPYGLASS_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  try {
    const { lines, url } = await readUntilWorkbenchUrl(child)
    expect(lines).toEqual(['Spyglass: the Electron binary is not available here — opening the browser workbench instead.', `Spyglass workbench: ${url}`])
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<html')
  } finally {
    child.kill('SIGTERM')
  }
  expect(await exitOf(child)).toEqual({ code: 0, signal: null })
  expect(stderr).toBe('')
})
