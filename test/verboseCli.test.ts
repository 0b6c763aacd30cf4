// `--verbose` on a CLI command (and SPYGLASS_LOG=debug) as users run them, on the build: an
// autosave folder left without its manifest is skipped by `spyglass recover` (best effort), and
// says so on stderr only when asked; `--verbose` is accepted by every command and never reaches
// the program after `--`.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { takeVerbose } from '../src/main/cli/commandLine'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
let dir: string
const broken = '0f0e5e61-0a8c-4ae0-9d42-9b0c4d0b4a11'

beforeAll(async () => {
  if (!existsSync(path.join(root, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` before these tests')
  dir = await mkdtemp(path.join(tmpdir(), 'spyglass-verbose-cli-'))
  // A recording folder whose manifest was never written (a recorder killed at once).
  await mkdir(path.join(dir, 'config', 'autosave', broken), { recursive: true })
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function spyglass(args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, [path.join(root, 'bin/spyglass.mjs'), ...args], {
    cwd: dir,
    reject: false,
    timeout: 45_000,
    // Quiet unless a case asks: SPYGLASS_LOG of the shell running the tests does not leak in.
    env: { SPYGLASS_CONFIG_DIR: path.join(dir, 'config'), SPYGLASS_NO_BROWSER: '1', SPYGLASS_NO_ELECTRON: '1', SPYGLASS_LOG: '', ...env }
  })
}

const dropped = new RegExp(`^spyglass\\[sessions\\] the autosave .*${broken} has no readable manifest: ENOENT`, 'm')

it('is quiet by default, and logs the skipped autosave with --verbose or SPYGLASS_LOG=debug', async () => {
  const quiet = await spyglass(['recover', '--json'])
  expect(quiet.exitCode, quiet.stderr).toBe(0)
  expect(JSON.parse(quiet.stdout)).toEqual([])
  expect(quiet.stderr).toBe('')

  for (const run of [() => spyglass(['recover', '--json', '--verbose']), () => spyglass(['--verbose', 'recover', '--json']), () => spyglass(['recover', '--json'], { SPYGLASS_LOG: 'debug' })]) {
    const verbose = await run()
    expect(verbose.exitCode, verbose.stderr).toBe(0)
    expect(JSON.parse(verbose.stdout)).toEqual([])
    expect(verbose.stderr).toMatch(dropped)
  }
})

it('takes --verbose out of the arguments before --, and leaves the program its own', () => {
  expect(takeVerbose(['record', '--verbose', '-o', 'x.spyglass', '--', 'node', 'app.js', '--verbose'])).toEqual({
    args: ['record', '-o', 'x.spyglass', '--', 'node', 'app.js', '--verbose'],
    verbose: true
  })
  expect(takeVerbose(['record', '--', 'node', '--verbose'])).toEqual({ args: ['record', '--', 'node', '--verbose'], verbose: false })
  expect(takeVerbose([])).toEqual({ args: [], verbose: false })
})
