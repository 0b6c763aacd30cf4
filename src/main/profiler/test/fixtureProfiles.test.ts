// Every real profile in ../shared/fixtures/cpuprofile/ (see PROVENANCE.md) loads, and what
// Spyglass says about it matches facts known about the file and an independent, obvious
// computation over JSON.parse (self time per function from the time deltas, total time once
// per sample from the sample's stack).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildProfileModel, functionRows, groupRows, loadProfile, parseCpuProfileBytes, summarizeProfile, type ProfileModel } from '..'

const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fixtures/cpuprofile')
const fixture = (name: string): string => path.join(fixtureDir, name)

interface Known {
  format: 'cpuprofile' | 'cpuprofile-legacy'
  nodes: number
  samples: number
  /** Top function by self time: name and line as editors count (the file's 0-based lineNumber + 1; legacy files count from 1 already). */
  top: [string, number | null]
  /** Groups that must be there. */
  groups: string[]
}

const known: Record<string, Known> = {
  'cpupro-node-demo-typeid-title.cpuprofile': { format: 'cpuprofile', nodes: 41, samples: 296, top: ['run', 4], groups: ['your code', '(garbage collector)', 'node internals'] },
  'cpuprofile2stackcollapse-node-v8profiler-legacy.cpuprofile': { format: 'cpuprofile-legacy', nodes: 62, samples: 729, top: ['run', 2], groups: ['your code', 'node internals'] },
  'speedscope-chrome65-simple.cpuprofile': { format: 'cpuprofile', nodes: 7, samples: 29, top: ['d', 14], groups: ['your code'] },
  'speedscope-node-devtools-sucrase-1mb.cpuprofile': { format: 'cpuprofile', nodes: 3493, samples: 17138, top: ['(garbage collector)', null], groups: ['your code', '(garbage collector)', '(program)', 'V8 / native'] },
  'v8-cpuprofile-rs-node-eval.cpuprofile': { format: 'cpuprofile', nodes: 77, samples: 28, top: ['WriteStream', 84], groups: ['node internals', '(program)'] },
  'vscode-js-debug-node-windows.cpuprofile': { format: 'cpuprofile', nodes: 68, samples: 2973, top: ['picomatch.test', 109], groups: ['picomatch', 'micromatch', 'your code', '(program)', '(garbage collector)'] }
}

/** The obvious computation: JSON.parse, walk each sample's stack, a Set per sample for totals. */
function reference(file: string): { selfMs: Map<string, number>; totalMs: Map<string, number>; sampledMs: number; idleMs: number } {
  const json = JSON.parse(readFileSync(file, 'utf8'))
  type Node = { id: number; callFrame?: Record<string, unknown>; children?: unknown[]; functionName?: string; url?: string; lineNumber?: number; columnNumber?: number }
  const nodes: Node[] = []
  const parentOf = new Map<number, number>()
  if (json.head) {
    // Legacy: a nested tree; lines and columns 1-based; absolute µs timestamps.
    const pending: Array<[Node, number]> = [[json.head, -1]]
    while (pending.length) {
      const [node, parent] = pending.pop()!
      nodes.push(node)
      if (parent !== -1) parentOf.set(node.id, parent)
      for (const child of (node.children ?? []) as Node[]) pending.push([child, node.id])
    }
  } else {
    nodes.push(...json.nodes)
    for (const node of json.nodes as Node[]) for (const child of (node.children ?? []) as number[]) parentOf.set(child, node.id)
  }
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const keyOf = (n: Node): string => {
    const f = (n.callFrame ?? n) as { functionName: string; url: string; lineNumber?: number; columnNumber?: number }
    const line = json.head ? (f.lineNumber! > 0 ? f.lineNumber! - 1 : -1) : (f.lineNumber ?? -1)
    const column = json.head ? ((f.columnNumber ?? 0) > 0 ? f.columnNumber! - 1 : -1) : (f.columnNumber ?? -1)
    return `${f.functionName}|${f.url}|${line}|${column}`
  }
  const samples: number[] = json.samples
  const times: number[] = []
  let endTime: number = json.endTime
  if (json.timeDeltas) {
    let t: number = json.startTime
    for (const d of json.timeDeltas as number[]) times.push((t += d))
  } else {
    times.push(...(json.timestamps as number[]))
    endTime = times[times.length - 1] + (times[times.length - 1] - times[0]) / (times.length - 1)
  }
  const selfMs = new Map<string, number>()
  const totalMs = new Map<string, number>()
  let sampledMs = 0
  let idleMs = 0
  samples.forEach((id, i) => {
    const ms = ((i + 1 < samples.length ? times[i + 1] : Math.max(times[i], endTime)) - times[i]) / 1000
    sampledMs += ms
    const leaf = byId.get(id)!
    selfMs.set(keyOf(leaf), (selfMs.get(keyOf(leaf)) ?? 0) + ms)
    if (((leaf.callFrame ?? leaf) as { functionName: string }).functionName === '(idle)') idleMs += ms
    const onStack = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) onStack.add(keyOf(byId.get(at)!))
    for (const key of onStack) totalMs.set(key, (totalMs.get(key) ?? 0) + ms)
  })
  return { selfMs, totalMs, sampledMs, idleMs }
}

function functionKey(model: ProfileModel, f: number): string {
  return `${model.strings[model.functions.name[f]]}|${model.strings[model.functions.url[f]]}|${model.functions.line[f]}|${model.functions.column[f]}`
}

const names = readdirSync(fixtureDir).filter((n) => n.endsWith('.cpuprofile'))

describe('real .cpuprofile fixtures', () => {
  it('are all known to this test', () => {
    expect(names.sort()).toEqual(Object.keys(known).sort())
  })

  describe.each(names)('%s', (name) => {
    const facts = known[name]

    it('loads, with the counts the file has', async () => {
      const { summary, model } = await loadProfile(fixture(name))
      expect(summary.format).toBe(facts.format)
      expect(summary.nodes).toBe(facts.nodes)
      expect(summary.samples).toBe(facts.samples)
      expect(model.samples.count).toBe(facts.samples)
      const top = summary.topFunctions[0]
      expect([top.functionName, top.line]).toEqual(facts.top)
      expect(summary.groups.map((g) => g.name)).toEqual(expect.arrayContaining(facts.groups))
    })

    it('has the self and total time of an independent computation, function by function', async () => {
      const { model } = await loadProfile(fixture(name))
      const expected = reference(fixture(name))
      expect(model.sampledMs).toBeCloseTo(expected.sampledMs, 6)
      expect(model.idleMs).toBeCloseTo(expected.idleMs, 6)
      for (let f = 0; f < model.functions.count; f++) {
        const key = functionKey(model, f)
        expect(model.functions.selfMs[f], key).toBeCloseTo(expected.selfMs.get(key) ?? 0, 6)
        expect(model.functions.totalMs[f], key).toBeCloseTo(expected.totalMs.get(key) ?? 0, 6)
      }
    })

    it('adds up: self times sum to the sampled time, shares of non-idle time to 100%', async () => {
      const { model } = await loadProfile(fixture(name))
      const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0)
      expect(sum(model.functions.selfMs)).toBeCloseTo(model.sampledMs, 6)
      expect(sum(model.groups.selfMs)).toBeCloseTo(model.sampledMs, 6)
      expect(model.tree.totalMs[0]).toBeCloseTo(model.sampledMs, 6)
      expect(sum(model.tree.selfMs)).toBeCloseTo(model.sampledMs, 6)
      const rows = functionRows(model)
      expect(rows.reduce((a, r) => a + r.selfPct, 0)).toBeCloseTo(100, 6)
      expect(groupRows(model).reduce((a, r) => a + r.selfPct, 0)).toBeCloseTo(100, 6)
      for (const r of rows) {
        expect(r.totalMs).toBeGreaterThanOrEqual(r.selfMs - 1e-9)
        expect(r.totalPct).toBeLessThanOrEqual(100 + 1e-9)
      }
      // Sorted by self time; "(idle)" left out of the rows.
      for (let i = 1; i < rows.length; i++) expect(rows[i - 1].selfMs).toBeGreaterThanOrEqual(rows[i].selfMs)
      expect(rows.some((r) => r.functionName === '(idle)')).toBe(false)
    })

    it('parses the same whatever the chunk size', () => {
      const bytes = readFileSync(fixture(name))
      const whole = parseCpuProfileBytes(bytes, bytes.length)
      const sizes = bytes.length < 50_000 ? [1, 2, 3, 7, 64, 4096] : [7, 4096, 65_536]
      for (const size of sizes) expect(parseCpuProfileBytes(bytes, size), `chunks of ${size}`).toEqual(whole)
    })
  })

  it('the legacy fixture counts lines from 1 and takes times from absolute timestamps', async () => {
    const { model } = await loadProfile(fixture('cpuprofile2stackcollapse-node-v8profiler-legacy.cpuprofile'))
    // Last timestamp − first (691865653481 − 691864880067 µs) plus one mean interval for the last sample.
    expect(model.sampledMs).toBeCloseTo(773.414 * (1 + 1 / 728), 6)
    const startup = functionRows(model).find((r) => r.functionName === 'startup')
    expect(startup).toMatchObject({ url: 'bootstrap_node.js', line: 12, category: 'node' })
  })

  it('the sucrase fixture: 1 MB, (program) and (garbage collector) as rows of their own', () => {
    const model = buildProfileModel(parseCpuProfileBytes(readFileSync(fixture('speedscope-node-devtools-sucrase-1mb.cpuprofile'))))
    const summary = summarizeProfile(model)
    expect(summary.groups.find((g) => g.name === '(garbage collector)')!.category).toBe('gc')
    expect(summary.groups.find((g) => g.name === '(program)')!.category).toBe('program')
    expect(summary.durationMs).toBeCloseTo((214594806433 - 214572794143) / 1000, 6)
  })

  it('the cpupro fixture: idle time is kept out of the shares', async () => {
    const { summary } = await loadProfile(fixture('cpupro-node-demo-typeid-title.cpuprofile'))
    expect(summary.idleMs).toBeGreaterThan(100)
    expect(summary.nonIdleMs).toBeCloseTo(summary.sampledMs - summary.idleMs, 9)
    expect(summary.groups.some((g) => g.category === 'idle')).toBe(false)
  })

  it('the vscode fixture: npm packages from Windows file URLs', async () => {
    const { model } = await loadProfile(fixture('vscode-js-debug-node-windows.cpuprofile'))
    const top = functionRows(model, { limit: 1 })[0]
    expect(top).toMatchObject({ functionName: 'picomatch.test', category: 'npm', packageName: 'picomatch' })
    const groups = groupRows(model)
    expect(groups[0]).toMatchObject({ name: 'picomatch', category: 'npm' })
    // micromatch calls picomatch: little self time, most of the profile in total.
    const micromatch = groups.find((g) => g.name === 'micromatch')!
    expect(micromatch.totalPct).toBeGreaterThan(60)
    expect(micromatch.selfPct).toBeLessThan(5)
  })
})
