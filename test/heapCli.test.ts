// `spyglass heap summary|diff|leaks` as users run it: `node bin/spyglass.mjs heap …` on the build
// (run `npm run build` first), on the real fixtures and on snapshots of a real program written
// here, in the built worker and inline. The JSON must have the shapes of issue 6 and agree with
// the engine run in-process; bad input must fail in one stderr line.
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findLeaks, openSnapshot, summaryReport } from '../src/main/heap'
import { snapshotFolder, writeSnapshots, type SnapshotFolder } from '../src/main/heap/test/realSnapshots'
import type { HeapDiffReport, HeapLeakReport, HeapSummaryReport } from '../src/shared/heapTypes'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const fixture = (name: string): string => path.resolve(root, '../shared/fixtures/heapsnapshot', name)
const modern = fixture('v8-heap-analyzer-object-modern.heapsnapshot')
let folder: SnapshotFolder

beforeAll(async () => {
  if (!existsSync(path.join(root, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` before these tests')
  folder = await snapshotFolder()
  await mkdir(path.join(folder.dir, 'config'))
  await writeSnapshots(
    folder,
    `
class Widget { constructor(i) { this.i = i } }
class Leaky { constructor(i) { this.i = i; this.data = new Array(10).fill(i) } }
globalThis.widgets = []
for (let i = 0; i < 250; i++) widgets.push(new Widget(i))
snap('a')
for (let i = 0; i < 40; i++) widgets.push(new Widget(i))
const sessions = new Map()
snap('b')
for (let i = 0; i < 75; i++) sessions.set(i, new Leaky(i))
snap('c')
`
  )
}, 120_000)

afterAll(async () => {
  await folder.remove()
})

function spyglass(args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, [path.join(root, 'bin/spyglass.mjs'), ...args], {
    cwd: folder.dir,
    reject: false,
    timeout: 60_000,
    env: { SPYGLASS_CONFIG_DIR: path.join(folder.dir, 'config'), SPYGLASS_NO_BROWSER: '1', SPYGLASS_NO_ELECTRON: '1', ...env }
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

describe('spyglass heap summary', () => {
  it('prints {nodeCount, edgeCount, totalSize, constructors} in the worker and inline, the same as the engine', async () => {
    const inWorker = await spyglass(['heap', 'summary', modern, '--json'], { SPYGLASS_HEAP_WORKER: 'always' })
    const inline = await spyglass(['heap', 'summary', modern, '--json'], { SPYGLASS_HEAP_WORKER: 'never' })
    expect(inWorker.exitCode, inWorker.stderr).toBe(0)
    expect(inWorker.stderr).toBe('')
    expect(inline.stdout).toBe(inWorker.stdout)
    const report = JSON.parse(inWorker.stdout) as HeapSummaryReport
    expect(Object.keys(report)).toEqual(['nodeCount', 'edgeCount', 'totalSize', 'constructors'])
    expect(report).toMatchObject({ nodeCount: 43_299, edgeCount: 182_890 })
    for (const row of report.constructors) expect(Object.keys(row)).toEqual(['name', 'count', 'shallowSize', 'retainedSize'])
    const retained = report.constructors.map((r) => r.retainedSize)
    expect(retained).toEqual([...retained].sort((a, b) => b - a))
    const handle = await openSnapshot(modern, { mode: 'inline' })
    try {
      expect(report).toEqual(await summaryReport(handle))
    } finally {
      await handle.dispose()
    }
  })

  it('counts the instances of a real program exactly; --top keeps the first rows', async () => {
    const result = await spyglass(['heap', 'summary', folder.file('a'), '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as HeapSummaryReport
    expect(report.constructors.find((r) => r.name === 'Widget')?.count).toBe(250)
    const top = JSON.parse((await spyglass(['heap', 'summary', folder.file('a'), '--json', '--top', '3'])).stdout) as HeapSummaryReport
    expect(top.constructors).toEqual(report.constructors.slice(0, 3))
  })

  it('prints a table', async () => {
    const result = await spyglass(['heap', 'summary', fixture('stefanpenner-small-2017.heapsnapshot'), '--top', '5'])
    expect(result.exitCode, result.stderr).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^stefanpenner-small-2017\.heapsnapshot: 34,378 nodes, 147,610 edges, [\d.]+ MiB reachable, [\d,]+ constructors$/)
    expect(lines[2]).toMatch(/^\s+Count\s+Shallow\s+Retained\s+Constructor$/)
    expect(lines[3]).toMatch(/^\s+1\s+0 B\s+[\d.]+ MiB\s+\(root\)$/)
    expect(lines).toHaveLength(3 + 5 + 1)
    expect(lines[8]).toMatch(/^\s+… [\d,]+ more \(--top N\)$/)
  })
})

describe('spyglass heap diff', () => {
  it('prints {constructors: [{name, countA, countB, countDelta, sizeA, sizeB, sizeDelta}]} by |sizeDelta| with exact counts', async () => {
    const result = await spyglass(['heap', 'diff', folder.file('a'), folder.file('b'), '--json'], { SPYGLASS_HEAP_WORKER: 'always' })
    expect(result.exitCode, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as HeapDiffReport
    expect(Object.keys(report)).toEqual(['constructors'])
    for (const row of report.constructors) expect(Object.keys(row)).toEqual(expect.arrayContaining(['name', 'countA', 'countB', 'countDelta', 'sizeA', 'sizeB', 'sizeDelta']))
    expect(report.constructors.find((r) => r.name === 'Widget')).toMatchObject({ countA: 250, countB: 290, countDelta: 40, newCount: 40, deletedCount: 0 })
    const deltas = report.constructors.map((r) => Math.abs(r.sizeDelta))
    expect(deltas).toEqual([...deltas].sort((x, y) => y - x))
    const text = await spyglass(['heap', 'diff', folder.file('a'), folder.file('b'), '--top', '200'])
    expect(text.stdout).toMatch(/^A: a\.heapsnapshot {2}→ {2}B: b\.heapsnapshot: [\d,]+ constructors changed\n/)
    expect(text.stdout).toMatch(/\n\s+250\s+290\s+\+40\s+40\s+0\s+\+[\d.]+ [KM]?i?B\s+Widget\n/)
  })
})

describe('spyglass heap leaks', () => {
  it('prints {leaks: [{name, count, retainedSize, retainerPath}]} and finds the Map leak with its path', async () => {
    // The Map exists in the baseline (b); what it gained by c is the leak.
    const result = await spyglass(['heap', 'leaks', folder.file('b'), folder.file('c'), folder.file('c'), '--json'])
    expect(result.exitCode, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as HeapLeakReport
    expect(Object.keys(report)).toEqual(['leaks'])
    for (const leak of report.leaks) expect(Object.keys(leak)).toEqual(expect.arrayContaining(['name', 'count', 'retainedSize', 'retainerPath']))
    const leaky = report.leaks.filter((l) => l.name === 'Leaky')
    expect(leaky.reduce((n, l) => n + l.count, 0)).toBe(75)
    expect(leaky[0].retainerPath.join(' → ')).toMatch(/\.sessions \(closure variable\) → Map .*→ Leaky$/)
    expect(report.leaks.some((l) => l.name === 'Widget')).toBe(false)
    expect(report).toEqual(await findLeaks(folder.file('b'), folder.file('c'), folder.file('c'), { mode: 'inline' }))
    const text = await spyglass(['heap', 'leaks', folder.file('b'), folder.file('c'), folder.file('c'), '--top', '50'])
    expect(text.stdout).toMatch(/retained by \d+ × Leaky\n {6}\(root\)/)
  })
})

describe('spyglass heap on bad input', () => {
  it('a truncated file: one line with how far it got, exit 1, inline and in the worker', async () => {
    const bytes = await readFile(modern)
    const file = path.join(folder.dir, 'cut.heapsnapshot')
    await writeFile(file, bytes.subarray(0, 2_000_000))
    const message = /^spyglass: cut\.heapsnapshot: the file is truncated: it ends in the "edges" section after 43,299 of 43,299 nodes, [\d,]+ of 182,890 edges and 0 strings \(at byte 2,000,000\)$/
    expectOneLineFailure(await spyglass(['heap', 'summary', file]), 1, message)
    expectOneLineFailure(await spyglass(['heap', 'summary', file, '--json'], { SPYGLASS_HEAP_WORKER: 'always' }), 1, message)
  })

  it('a snapshot too big for --max-memory, a wrong meta, a missing file, not a snapshot: one line, exit 1', async () => {
    expectOneLineFailure(await spyglass(['heap', 'summary', modern, '--max-memory', '1'], { SPYGLASS_HEAP_WORKER: 'always' }), 1, /needs about [\d.]+ [KMG]iB of memory, more than the 1 MiB allowed/)
    const wrongMeta = path.join(folder.dir, 'meta.heapsnapshot')
    await writeFile(wrongMeta, (await readFile(modern, 'utf8')).replace('"edge_count","detachedness"]', '"edge_count"]'))
    expectOneLineFailure(await spyglass(['heap', 'diff', wrongMeta, modern]), 1, /meta\.heapsnapshot: .*node_fields/)
    expectOneLineFailure(await spyglass(['heap', 'summary', path.join(folder.dir, 'nope.heapsnapshot')]), 1, /cannot read .*nope\.heapsnapshot: no such file/)
    expectOneLineFailure(await spyglass(['heap', 'leaks', modern, modern, path.join(root, 'package.json')]), 1, /package\.json: .*not a heap snapshot/)
  })

  it('usage mistakes exit 2', async () => {
    expectOneLineFailure(await spyglass(['heap']), 2, /heap needs a subcommand: summary, diff or leaks/)
    expectOneLineFailure(await spyglass(['heap', 'compare', modern]), 2, /unknown heap subcommand "compare"/)
    expectOneLineFailure(await spyglass(['heap', 'diff', modern]), 2, /heap diff takes two \.heapsnapshot files \(A, then B\), got 1/)
    expectOneLineFailure(await spyglass(['heap', 'summary', modern, '--top', '0']), 2, /--top must be between 1 and/)
    expectOneLineFailure(await spyglass(['heap', 'summary', modern, '--flame']), 2, /unknown option --flame \(see spyglass heap --help\)$/)
  })

  it('is listed in spyglass --help and has its own help', async () => {
    expect((await spyglass(['--help'])).stdout).toMatch(/\n\s+heap\s+analyse \.heapsnapshot files/)
    const help = await spyglass(['heap', '--help'])
    expect(help.exitCode).toBe(0)
    expect(help.stdout).toMatch(/^Usage: spyglass heap summary FILE\.heapsnapshot \[--json\] \[--top N\]/)
  })
})
