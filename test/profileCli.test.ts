// `spyglass profile` as users run it: `node bin/spyglass.mjs profile …` on the build (run
// `npm run build` first), on the real fixtures and on a big generated profile, which the built
// CLI loads in its worker (the chunk electron-vite bundles apart for it). Output must agree
// with the engine run in-process; bad files must fail in one stderr line.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadProfile, profileReport, workerThresholdBytes } from '../src/main/profiler'
import { bushyProfile, profileJson } from '../src/main/profiler/test/syntheticProfiles'
import type { ProfileReport } from '../src/shared/profileTypes'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const fixtureDir = path.resolve(root, '../shared/fixtures/cpuprofile')
const fixture = (name: string): string => path.join(fixtureDir, name)
let dir: string
let bigFile: string

beforeAll(async () => {
  if (!existsSync(path.join(root, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` before these tests')
  dir = await mkdtemp(path.join(tmpdir(), 'spyglass-profile-cli-'))
  await mkdir(path.join(dir, 'config'))
  bigFile = path.join(dir, 'big.cpuprofile')
  await writeFile(bigFile, bushyProfile(60_000, 200_000))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function spyglass(args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, [path.join(root, 'bin/spyglass.mjs'), ...args], {
    cwd: dir,
    reject: false,
    timeout: 60_000,
    env: { SPYGLASS_CONFIG_DIR: path.join(dir, 'config'), SPYGLASS_NO_BROWSER: '1', SPYGLASS_NO_ELECTRON: '1', ...env }
  })
}

function expectOneLineFailure(result: { exitCode?: number; stderr: string; stdout: string }, exitCode: number, message: RegExp): void {
  expect(result.exitCode, result.stderr).toBe(exitCode)
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines, result.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^spyglass: \S/)
  expect(lines[0]).toMatch(message)
  expect(result.stderr).not.toMatch(/\n\s+at /)
  expect(result.stdout).toBe('')
}

describe('spyglass profile --json', () => {
  it('prints {durationMs, samples, functions} by selfMs, shares of non-idle time, the same as the engine', async () => {
    const file = fixture('vscode-js-debug-node-windows.cpuprofile')
    const result = await spyglass(['profile', file, '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    const report = JSON.parse(result.stdout) as ProfileReport
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['durationMs', 'samples', 'functions']))
    expect(report.durationMs).toBeCloseTo(3127.142, 3)
    expect(report.samples).toBe(2973)
    for (const row of report.functions) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['functionName', 'url', 'line', 'selfMs', 'selfPct', 'totalMs', 'totalPct']))
      expect(typeof row.functionName).toBe('string')
      expect(typeof row.selfMs).toBe('number')
    }
    const self = report.functions.map((f) => f.selfMs)
    expect(self).toEqual([...self].sort((a, b) => b - a))
    expect(report.functions.reduce((a, f) => a + f.selfPct, 0)).toBeCloseTo(100, 1)
    expect(report.functions[0]).toMatchObject({ functionName: 'picomatch.test', line: 109, packageName: 'picomatch' })
    const { model } = await loadProfile(file)
    expect(report).toEqual(profileReport(model))
  })

  it('--top N keeps the first N functions', async () => {
    const result = await spyglass(['profile', fixture('speedscope-node-devtools-sucrase-1mb.cpuprofile'), '--json', '--top', '3'])
    expect(result.exitCode, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as ProfileReport
    expect(report.samples).toBe(17138)
    expect(report.functions.map((f) => f.functionName)).toEqual(['(garbage collector)', 'Object.keys.forEach', 'processRegion'])
  })

  it.each(['cpupro-node-demo-typeid-title.cpuprofile', 'cpuprofile2stackcollapse-node-v8profiler-legacy.cpuprofile', 'speedscope-chrome65-simple.cpuprofile', 'v8-cpuprofile-rs-node-eval.cpuprofile'])(
    'loads %s, in its worker too',
    async (name) => {
      const inline = await spyglass(['profile', fixture(name), '--json'], { SPYGLASS_PROFILE_WORKER: 'never' })
      const inWorker = await spyglass(['profile', fixture(name), '--json'], { SPYGLASS_PROFILE_WORKER: 'always' })
      expect(inline.exitCode, inline.stderr).toBe(0)
      expect(inWorker.exitCode, inWorker.stderr).toBe(0)
      expect(inWorker.stdout).toBe(inline.stdout)
      expect((JSON.parse(inline.stdout) as ProfileReport).functions.length).toBeGreaterThan(0)
    }
  )

  it('loads a big profile in the built worker and agrees with the engine in-process', async () => {
    const bytes = (await readFile(bigFile)).length
    expect(bytes).toBeGreaterThanOrEqual(workerThresholdBytes)
    const result = await spyglass(['profile', bigFile, '--json', '--top', '50'])
    expect(result.exitCode, result.stderr).toBe(0)
    const { model } = await loadProfile(bigFile, { mode: 'inline' })
    expect(JSON.parse(result.stdout)).toEqual(profileReport(model, { limit: 50 }))
  })
})

describe('spyglass profile (text)', () => {
  it('prints the top functions and the owners', async () => {
    const result = await spyglass(['profile', fixture('vscode-js-debug-node-windows.cpuprofile'), '--top', '5'])
    expect(result.exitCode, result.stderr).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^vscode-js-debug-node-windows\.cpuprofile: 3,127\.1 ms, 2,973 samples/)
    const header = lines.findIndex((l) => /Self ms\s+Self %\s+Total ms\s+Total %\s+Function\s+Location/.test(l))
    expect(header).toBeGreaterThan(0)
    expect(lines[header + 1]).toMatch(/1,754\.3\s+56\.2%\s+1,770\.8\s+56\.7%\s+picomatch\.test\s+\S*picomatch\.js:109$/)
    expect(lines.slice(header + 1).findIndex((l) => l === '')).toBe(5)
    expect(result.stdout).toMatch(/By owner:\n.*Owner\n.*picomatch \(npm\)/)
  })

  it('is listed in spyglass --help and has its own help', async () => {
    expect((await spyglass(['--help'])).stdout).toMatch(/\n\s+profile\s+summarise a \.cpuprofile/)
    const help = await spyglass(['profile', '--help'])
    expect(help.exitCode).toBe(0)
    expect(help.stdout).toMatch(/^Usage: spyglass profile FILE\.cpuprofile \[--json\] \[--top N\]/)
  })
})

describe('spyglass profile on bad input', () => {
  it.each([
    ['truncated', (t: string) => t.slice(0, 60), /^spyglass: bad\.cpuprofile: the file ends early \(truncated after byte 60\)/],
    ['malformed', (t: string) => t.replace('"samples":[', '"samples":[}'), /^spyglass: bad\.cpuprofile: malformed JSON at byte \d+: unexpected "}"$/],
    ['a sample of a missing node', (t: string) => t.replace('"samples":[2', '"samples":[42'), /^spyglass: bad\.cpuprofile: sample 0 refers to node 42, which is not in the profile$/],
    ['mismatched lengths', (t: string) => t.replace('"timeDeltas":[0,', '"timeDeltas":['), /"samples" and "timeDeltas" differ in length \(2 samples, 1 time deltas\)/],
    ['not a profile', () => '{"hello":"world"}', /not a CPU profile/]
  ])('%s: one line, exit 1, inline and in the worker', async (_what, damage, message) => {
    const good = profileJson({ nodes: [{ id: 1, callFrame: { functionName: '(root)' }, children: [2] }, { id: 2, callFrame: { functionName: 'main', url: 'file:///m.js' } }], samples: [2, 2], timeDeltas: [0, 1000] })
    const file = path.join(dir, 'bad.cpuprofile')
    await writeFile(file, damage(good))
    expectOneLineFailure(await spyglass(['profile', file]), 1, message)
    expectOneLineFailure(await spyglass(['profile', file, '--json'], { SPYGLASS_PROFILE_WORKER: 'always' }), 1, message)
  })

  it('a missing file, a directory: one line, exit 1', async () => {
    expectOneLineFailure(await spyglass(['profile', path.join(dir, 'nope.cpuprofile')]), 1, /cannot read .*nope\.cpuprofile: no such file/)
    expectOneLineFailure(await spyglass(['profile', dir]), 1, /is a directory, not a \.cpuprofile file/)
  })

  it('usage mistakes exit 2', async () => {
    expectOneLineFailure(await spyglass(['profile']), 2, /profile needs a \.cpuprofile file/)
    expectOneLineFailure(await spyglass(['profile', fixture('speedscope-chrome65-simple.cpuprofile'), '--top', '0']), 2, /--top must be between 1 and/)
    expectOneLineFailure(await spyglass(['profile', fixture('speedscope-chrome65-simple.cpuprofile'), '--flame']), 2, /unknown option --flame/)
    expectOneLineFailure(await spyglass(['profile', 'a.cpuprofile', 'b.cpuprofile']), 2, /unexpected argument "b\.cpuprofile"/)
  })
})
