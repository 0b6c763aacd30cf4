// `spyglass record --heap-snapshots` and the heap part of `spyglass inspect`, as users run them
// (`node bin/spyglass.mjs …` on the build): a snapshot when the recording starts and one when it
// ends — also when the program ends by itself — each in the session with its summary, and the
// heap trend with its leak verdict under `heap` in `inspect --json`.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SessionSummary } from '../src/main/sessionParts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const workload = path.join(root, 'src/main/heap/test/fixtures/heapWorkload.cjs')
let dir: string

beforeAll(async () => {
  if (!existsSync(path.join(root, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` before these tests')
  dir = await mkdtemp(path.join(tmpdir(), 'spyglass-heap-cli-'))
  await mkdir(path.join(dir, 'config'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function spyglass(args: string[]) {
  return execa(process.execPath, [path.join(root, 'bin/spyglass.mjs'), ...args], {
    cwd: dir,
    reject: false,
    timeout: 90_000,
    env: { SPYGLASS_CONFIG_DIR: path.join(dir, 'config'), SPYGLASS_NO_BROWSER: '1', SPYGLASS_NO_ELECTRON: '1' }
  })
}

async function inspect(file: string): Promise<SessionSummary> {
  const result = await spyglass(['inspect', file, '--json'])
  expect(result.exitCode, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as SessionSummary
}

it('takes a snapshot at the start and at the end of a recording, and inspect reports them with the trend', async () => {
  const file = path.join(dir, 'timed.spyglass')
  const launchedAt = Date.now()
  const recorded = await spyglass(['record', '--heap-snapshots', '--duration', '3s', '-o', file, '--', process.execPath, workload, 'steady', '321'])
  expect(recorded.exitCode, recorded.stderr).toBe(0)
  const summary = await inspect(file)
  expect(summary.heap.snapshots).toHaveLength(2)
  for (const snapshot of summary.heap.snapshots) {
    expect(snapshot.entry).toMatch(/^heap\/.+\.heapsnapshot$/)
    expect(summary.entries).toContain(snapshot.entry)
    expect(snapshot.nodeCount).toBeGreaterThan(1000)
    // What the forced GC before it freed: the drop from before to after (none when the heap grew meanwhile).
    const gc = snapshot.gc!
    expect(gc.beforeBytes).toBeGreaterThan(1024 * 1024)
    expect(gc.afterBytes).toBeGreaterThan(1024 * 1024)
    expect(gc.freedBytes).toBe(Math.max(0, gc.beforeBytes - gc.afterBytes))
    expect(snapshot.constructors.length).toBeGreaterThan(0)
    expect(snapshot.error).toBeNull()
  }
  expect(summary.heap.snapshots[1].capturedAt).toBeGreaterThan(summary.heap.snapshots[0].capturedAt)
  // The first GC collects what the program threw away since it started (its start-up and workload garbage).
  expect(summary.heap.snapshots[0].gc!.freedBytes).toBeGreaterThan(0)

  // The trend of a program that keeps nothing it allocates: samples a second apart from attach to
  // the end (a recording takes the samples already taken since attach, as it does console events),
  // GCs seen (it makes megabytes of garbage a second), a small heap, and no leak.
  const trend = summary.heap.trend
  expect(trend.samples).toBeGreaterThanOrEqual(2)
  expect(trend.spanMs).toBeGreaterThan(0)
  expect(trend.spanMs).toBeLessThanOrEqual(summary.endedAt - launchedAt)
  expect(trend.gcCount).toBeGreaterThan(0)
  // The floor is the fitted heap after GC: none yet when no GC drop was seen between samples.
  for (const bytes of [trend.peakUsedBytes, trend.lastUsedBytes, trend.floorBytes ?? trend.lastUsedBytes]) {
    expect(bytes).toBeGreaterThan(1024 * 1024)
    expect(bytes).toBeLessThan(64 * 1024 * 1024)
  }
  expect(trend.peakUsedBytes!).toBeGreaterThanOrEqual(trend.lastUsedBytes!)
  expect(trend.leakSuspected).toBe(false)
  expect(trend.reason).toMatch(/^(not enough to judge yet|the heap after GC is steady|the heap after GC rose by only)/)
  if (trend.reason.startsWith('not enough')) expect([trend.slopeBytesPerSec, trend.riseBytes]).toEqual([0, 0])

  const human = await spyglass(['inspect', file])
  expect(human.exitCode, human.stderr).toBe(0)
  expect(human.stdout).toMatch(/^Heap snapshot heap\/.+\.heapsnapshot: .+ objects/m)
  expect(human.stdout).toMatch(/^Heap trend: /m)
})

it('takes the last snapshot on the way out of a program that ends by itself', async () => {
  const file = path.join(dir, 'exits.spyglass')
  const recorded = await spyglass(['record', '--heap-snapshots', '-o', file, '--', process.execPath, workload, 'steady', '0', '2500'])
  expect(recorded.exitCode, recorded.stderr).toBe(0)
  const summary = await inspect(file)
  expect(summary.target.exit).toEqual({ code: 0, signal: null })
  expect(summary.heap.snapshots).toHaveLength(2)
  expect(summary.heap.snapshots.every((s) => s.nodeCount !== null && s.nodeCount > 0)).toBe(true)
})

it('records no snapshot without the option', async () => {
  const file = path.join(dir, 'plain.spyglass')
  const recorded = await spyglass(['record', '--duration', '1s', '-o', file, '--', process.execPath, workload, 'steady'])
  expect(recorded.exitCode, recorded.stderr).toBe(0)
  expect(recorded.stderr).not.toMatch(/snapshot/)
  const summary = await inspect(file)
  expect(summary.heap.snapshots).toEqual([])
  // The heap is sampled into every recording all the same.
  expect(summary.heap.trend.samples).toBeGreaterThan(0)
})
