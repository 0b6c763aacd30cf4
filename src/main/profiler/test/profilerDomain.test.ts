// The profiler's API as the view uses it: import real profiles, page the function table, cut
// the flame graph and the flame chart for viewports, sandwich, export; capture through the API
// (events, duration); profiles in opened sessions; source-mapped names of compiled TypeScript.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterEach, expect, it, vi } from 'vitest'
import type { ApiEvents } from '../../../shared/api'
import type { FlameGraphData, ProfileInfo } from '../../../shared/profilerApi'
import type { Workbench } from '../../workbench'
import { newWorkbench, stopAllNodes } from '../../targets/test/harness'

const here = path.dirname(fileURLToPath(import.meta.url))
const fixtures = path.join(here, '..', '..', '..', '..', '..', 'shared', 'fixtures', 'cpuprofile')
const sucrase = path.join(fixtures, 'speedscope-node-devtools-sucrase-1mb.cpuprofile')
const counted = path.join(here, 'fixtures', 'counted.cjs')
const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})

function workbench(): Workbench {
  const wb = newWorkbench()
  workbenches.push(wb)
  return wb
}

function eventsOf<E extends keyof ApiEvents>(wb: Workbench, name: E): Array<ApiEvents[E]> {
  const seen: Array<ApiEvents[E]> = []
  wb.on(name, (payload) => seen.push(payload))
  return seen
}

async function imported(wb: Workbench, file = sucrase): Promise<ProfileInfo> {
  const info = await wb.invoke('profiler.import', { path: file })
  if (!info) throw new Error('import answered null')
  return info
}

/** Every node of a payload lies inside its window, is at least minMs wide (but the focus), and follows its parent. */
function expectWellFormed(flame: FlameGraphData): void {
  for (let k = 0; k < flame.count; k++) {
    if (k === 0) {
      expect(flame.parent[0]).toBe(-1)
      expect(flame.node[0]).toBe(flame.focus)
      continue
    }
    expect(flame.parent[k]).toBeGreaterThanOrEqual(0)
    expect(flame.parent[k]).toBeLessThan(k)
    expect(flame.depth[k]).toBe(flame.depth[flame.parent[k]] + 1)
    expect(flame.totalMs[k]).toBeGreaterThanOrEqual(flame.minMs - 0.001)
    expect(flame.startMsOf[k]).toBeLessThan(flame.endMs)
    expect(flame.startMsOf[k] + flame.totalMs[k]).toBeGreaterThan(flame.startMs)
  }
}

it('imports a real profile and answers the table, the flame graph, the flame chart and the sandwich', async () => {
  const wb = workbench()
  const changes = eventsOf(wb, 'profiler.changed')
  const info = await imported(wb)
  expect(info).toMatchObject({ source: 'import', state: 'ready', error: null, name: path.basename(sucrase), hasCallCounts: false })
  expect(info.summary?.samples).toBeGreaterThan(100)
  expect(changes.at(-1)?.map((p) => p.id)).toEqual([info.id])
  // Importing the same file again is the same profile.
  expect((await imported(wb)).id).toBe(info.id)

  const bySelf = await wb.invoke('profiler.functions', { profileId: info.id, limit: 10 })
  expect(bySelf.rows).toHaveLength(10)
  expect(bySelf.total).toBeGreaterThan(10)
  expect(bySelf.total).toBeLessThanOrEqual(info.summary!.functions)
  for (let i = 1; i < bySelf.rows.length; i++) expect(bySelf.rows[i - 1].selfMs).toBeGreaterThanOrEqual(bySelf.rows[i].selfMs)
  const byTotal = await wb.invoke('profiler.functions', { profileId: info.id, sort: 'total', limit: 50 })
  for (let i = 1; i < byTotal.rows.length; i++) expect(byTotal.rows[i - 1].totalMs).toBeGreaterThanOrEqual(byTotal.rows[i].totalMs)
  const byName = await wb.invoke('profiler.functions', { profileId: info.id, sort: 'name', limit: 50 })
  const names = byName.rows.map((r) => r.functionName.toLowerCase())
  expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  const needle = bySelf.rows.find((r) => r.functionName.length > 3)!.functionName
  const found = await wb.invoke('profiler.functions', { profileId: info.id, search: needle.toUpperCase() })
  expect(found.rows.length).toBeGreaterThan(0)
  expect(found.rows.every((r) => r.functionName.toLowerCase().includes(needle.toLowerCase()) || r.url.toLowerCase().includes(needle.toLowerCase()))).toBe(true)
  const page2 = await wb.invoke('profiler.functions', { profileId: info.id, offset: 5, limit: 5 })
  expect(page2.rows.map((r) => r.index)).toEqual(bySelf.rows.slice(5, 10).map((r) => r.index))
  expect(bySelf.rows.every((r) => r.calls === null && r.msPerCall === null)).toBe(true)

  const whole = await wb.invoke('profiler.flame', { profileId: info.id, widthPx: 1000 })
  expect(whole).toMatchObject({ focus: 0, focusPath: [0], startMs: 0 })
  expect(whole.endMs).toBeCloseTo(whole.rootTotalMs, 6)
  expect(whole.minMs).toBeCloseTo(whole.rootTotalMs / 1000, 6)
  expectWellFormed(whole)
  expect(whole.culled).toBeGreaterThan(0)
  // Zooming into the left tenth keeps nodes a tenth as wide, which the whole view culled.
  const zoomed = await wb.invoke('profiler.flame', { profileId: info.id, startMs: 0, endMs: whole.rootTotalMs / 10, widthPx: 1000 })
  expectWellFormed(zoomed)
  expect(zoomed.minMs).toBeCloseTo(whole.minMs / 10, 6)
  expect(zoomed.node.some((n) => !whole.node.includes(n))).toBe(true)
  // Focusing a deeper node: it is depth 0, its path leads to it, and nothing outside its subtree comes.
  const deep = whole.node.findIndex((_, k) => whole.depth[k] === 3)
  const focused = await wb.invoke('profiler.flame', { profileId: info.id, focus: whole.node[deep], widthPx: 1000 })
  expectWellFormed(focused)
  expect(focused.focusPath).toHaveLength(4)
  expect(focused.focusPath.at(-1)).toBe(whole.node[deep])
  expect(focused.focusPathFn.map((p) => focused.functions.name[p])[0]).toBe('(root)')
  expect(focused.focusTotalMs).toBeCloseTo(whole.totalMs[deep], 2)
  expect(focused.startMsOf.every((s) => s >= focused.focusStartMs - 0.001 && s < focused.focusStartMs + focused.focusTotalMs)).toBe(true)
  await expect(wb.invoke('profiler.flame', { profileId: info.id, focus: 10_000_000 })).rejects.toMatchObject({ code: 'BAD_REQUEST' })

  const chart = await wb.invoke('profiler.flameChart', { profileId: info.id, widthPx: 800 })
  expect(chart.count).toBeGreaterThan(0)
  expect(chart.endMs).toBeCloseTo(chart.durationMs, 6)
  // Zoomed out, runs of sub-pixel spans are merged rather than dropped: the first row below the
  // root (every sample has a frame there) still covers the whole profile.
  let covered = 0
  for (let k = 0; k < chart.count; k++) if (chart.depth[k] === 1) covered += chart.endMsOf[k] - chart.startMsOf[k]
  expect(covered).toBeGreaterThan(chart.durationMs * 0.95)
  const window = { startMs: chart.durationMs * 0.4, endMs: chart.durationMs * 0.5 }
  const part = await wb.invoke('profiler.flameChart', { profileId: info.id, ...window, widthPx: 800 })
  expect(part.count).toBeGreaterThan(0)
  for (let k = 0; k < part.count; k++) {
    expect(part.startMsOf[k]).toBeLessThan(window.endMs)
    expect(part.endMsOf[k]).toBeGreaterThan(window.startMs)
    expect(part.endMsOf[k] - part.startMsOf[k]).toBeGreaterThanOrEqual(part.minMs - 0.001)
  }

  const top = byTotal.rows.find((r) => r.functionName !== '(root)')!
  const sandwich = await wb.invoke('profiler.sandwich', { profileId: info.id, functionIndex: top.index })
  expect(sandwich.function.index).toBe(top.index)
  expect(sandwich.callees.totalMs[0]).toBeCloseTo(top.totalMs, 2)
  expect(sandwich.callers.totalMs[0]).toBeCloseTo(top.totalMs, 2)
  expect(sandwich.functions.index[sandwich.callers.fn[0]]).toBe(top.index)
  const nodes = await wb.invoke('profiler.nodesOf', { profileId: info.id, functionIndex: top.index })
  expect(nodes.length).toBeGreaterThan(0)
  const inWhole = whole.node.map((n, k) => [n, whole.functions.index[whole.fn[k]]] as const).filter(([n]) => nodes.includes(n))
  expect(inWhole.every(([, fn]) => fn === top.index)).toBe(true)

  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'spyglass-export-')), 'copy.cpuprofile')
  expect(await wb.invoke('profiler.export', { profileId: info.id, path: out })).toEqual({ file: out })
  expect(readFileSync(out)).toEqual(readFileSync(sucrase))

  await wb.invoke('profiler.remove', { profileId: info.id })
  expect(await wb.invoke('profiler.list', undefined)).toEqual([])
  await expect(wb.invoke('profiler.functions', { profileId: info.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
})

it('lists a file that is not a profile as failed, with a one-line reason, and refuses a missing one', async () => {
  const wb = workbench()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-badprofile-'))
  const bad = path.join(dir, 'broken.cpuprofile')
  writeFileSync(bad, '{"nodes": [{"id": 1, "callFrame": {"functionName": "x"')
  const info = await imported(wb, bad)
  expect((await wb.invoke('profiler.import', { path: sucrase, name: 'picked.cpuprofile' }))?.name).toBe('picked.cpuprofile')
  expect(info.state).toBe('failed')
  expect(info.error).toMatch(/\S/)
  expect(info.error).not.toContain('\n')
  await expect(wb.invoke('profiler.flame', { profileId: info.id })).rejects.toMatchObject({ message: info.error })
  await expect(wb.invoke('profiler.import', { path: path.join(dir, 'missing.cpuprofile') })).rejects.toMatchObject({ code: 'NOT_FOUND' })
})

/** The fixture waits for this file, so that the profile starts before the work does. */
function goFile(): string {
  return path.join(os.tmpdir(), `spyglass-go-${process.pid}-${Math.random().toString(36).slice(2)}`)
}

it('captures through the API: status events while it runs, a duration that stops it, the profile listed with call counts', async () => {
  const wb = workbench()
  const captures = eventsOf(wb, 'profiler.capture')
  const go = goFile()
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, counted, '100000000', 'no-pause', go] })
  const status = await wb.invoke('profiler.start', { targetId: target.id, durationMs: 300, callCounts: true, intervalUs: 500 })
  expect(status).toMatchObject({ running: true, stopsOn: 'duration', intervalUs: 500 })
  expect(status.stopsAt! - status.startedAt!).toBe(300)
  await expect(wb.invoke('profiler.start', { targetId: target.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  await writeFile(go, 'go')
  await vi.waitFor(() => expect(captures.at(-1)).toMatchObject({ targetId: target.id, running: false }), { timeout: 20_000, interval: 20 })
  expect(captures[0]).toMatchObject({ running: true })
  const [profile] = await vi.waitFor(
    async () => {
      const list = await wb.invoke('profiler.list', undefined)
      expect(list[0]?.state).toBe('ready')
      return list
    },
    { timeout: 20_000, interval: 20 }
  )
  expect(profile).toMatchObject({ source: 'capture', targetId: target.id, hasCallCounts: true })
  expect(profile.name).toMatch(/^CPU profile of /)
  const rows = (await wb.invoke('profiler.functions', { profileId: profile.id, search: 'work' })).rows
  const work = rows.find((r) => r.functionName === 'work')
  expect(work?.calls).toBeGreaterThan(0)
  expect(work?.msPerCall).toBeCloseTo(work!.totalMs / work!.calls!, 9)
  expect((await wb.invoke('profiler.status', { targetId: target.id })).running).toBe(false)
  await expect(wb.invoke('profiler.stop', { targetId: target.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
})

it('stops on request and answers with the loaded profile; a profile in a saved session is listed when the session opens', async () => {
  const wb = workbench()
  const go = goFile()
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, counted, '100000000', 'no-pause', go] })
  const recording = await wb.invoke('sessions.record', { targetId: target.id })
  await wb.invoke('profiler.start', { targetId: target.id })
  await writeFile(go, 'go')
  const info = await wb.invoke('profiler.stop', { targetId: target.id })
  expect(info).toMatchObject({ source: 'capture', sessionId: recording.id })
  await wb.invoke('sessions.stop', { sessionId: recording.id })
  const file = path.join(wb.sessions.libraryDir, 'with-profile.spyglass')
  await wb.invoke('sessions.save', { sessionId: recording.id, path: file })

  const other = workbench()
  const opened = await other.invoke('sessions.open', { path: file })
  const listed = await vi.waitFor(
    async () => {
      const list = await other.invoke('profiler.list', undefined)
      expect(list).toHaveLength(1)
      return list[0]
    },
    { timeout: 10_000, interval: 20 }
  )
  expect(listed).toMatchObject({ source: 'session', sessionId: opened!.id, targetId: opened!.rootTargetId })
  expect((await other.invoke('profiler.flame', { profileId: listed.id })).count).toBeGreaterThan(1)
  await expect(other.invoke('profiler.start', { targetId: opened!.rootTargetId })).rejects.toMatchObject({ code: 'READ_ONLY' })
  await other.invoke('sessions.close', { sessionId: opened!.id })
  await vi.waitFor(async () => expect(await other.invoke('profiler.list', undefined)).toEqual([]), { timeout: 10_000, interval: 20 })
})

it('shows the original TypeScript names and places of a target that ships source maps', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-tsprofile-'))
  const source = [
    'const go = process.argv[2]',
    'let sink = 0',
    'export function crunchNumbers(rounds: number): number {',
    '  for (let i = 0; i < rounds; i++) sink += Math.sqrt(i)',
    '  return sink',
    '}',
    'const timer = setInterval(() => {',
    "  if (!require('node:fs').existsSync(go)) return",
    '  clearInterval(timer)',
    '  const until = Date.now() + 300',
    '  while (Date.now() < until) crunchNumbers(10_000)',
    '}, 10)',
    ''
  ].join('\n')
  const compiled = ts.transpileModule(source, { fileName: 'crunch.ts', compilerOptions: { sourceMap: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } })
  writeFileSync(path.join(dir, 'crunch.ts'), source)
  writeFileSync(path.join(dir, 'crunch.js'), compiled.outputText)
  writeFileSync(path.join(dir, 'crunch.js.map'), compiled.sourceMapText!)
  const generatedLine = compiled.outputText.split('\n').findIndex((l) => l.includes('function crunchNumbers')) + 1
  expect(generatedLine).not.toBe(3)

  const wb = workbench()
  const go = goFile()
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, path.join(dir, 'crunch.js'), go] })
  await wb.invoke('profiler.start', { targetId: target.id })
  await writeFile(go, 'go')
  const profile = await vi.waitFor(
    async () => {
      const [first] = await wb.invoke('profiler.list', undefined)
      expect(first?.state).toBe('ready')
      return first
    },
    { timeout: 20_000, interval: 20 }
  )
  expect(profile.sourceMapped).toBe(true)
  const crunch = (await wb.invoke('profiler.functions', { profileId: profile.id, search: 'crunch' })).rows.find((r) => r.functionName === 'crunchNumbers')
  expect(crunch).toMatchObject({ line: 3 })
  expect(crunch?.url).toMatch(/crunch\.ts$/)
  const flame = await wb.invoke('profiler.flame', { profileId: profile.id })
  expect(flame.functions.url.some((u) => u.endsWith('crunch.ts'))).toBe(true)
  expect(await readFile(path.join(dir, 'crunch.js'), 'utf8')).toContain('sourceMappingURL=crunch.js.map')
})
