// The heap domain through the workbench, on a real program with a known heap: snapshots taken
// (forced GC, saved, analysed) and paged through, a diff that counts exactly what the program
// retained, the one-click leak finder, snapshots and heap samples in a recorded session, and
// the sampling heap profiler.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'
import type { HeapProgress, HeapSnapshotItem, LeakFlowState } from '../../../shared/heapApi'
import type { Workbench } from '../../workbench'
import { newWorkbench, stopAllNodes } from '../../targets/test/harness'
import { openSessionFile } from '../../sessions'
import { summarizeSession } from '../../sessionParts'
import { heapStreamRecordSchema } from '../heapRecorderStream'

const workload = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'heapWorkload.cjs')
const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})

async function launch(markers: number): Promise<{ wb: Workbench; targetId: string; retain(count: number): Promise<void> }> {
  const wb = newWorkbench()
  workbenches.push(wb)
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, workload, 'steady', String(markers)] })
  const retain = async (count: number): Promise<void> => {
    await wb.heap.cdpOf(target.id).send('Runtime.evaluate', { expression: `retainMarkers(${count})` })
  }
  return { wb, targetId: target.id, retain }
}

async function takeReady(wb: Workbench, targetId: string): Promise<HeapSnapshotItem> {
  const taken = await wb.invoke('heap.take', { targetId })
  return wb.heap.library.ready(taken.id)
}

it('takes a snapshot after a GC, analyses it, and pages through it', async () => {
  const { wb, targetId } = await launch(1234)
  const progress: HeapProgress[] = []
  const lists: HeapSnapshotItem[][] = []
  wb.on('heap.progress', (p) => progress.push(p))
  wb.on('heap.changed', (list) => lists.push(list))
  const first = wb.invoke('heap.take', { targetId })
  // One at a time per target: the chunks of two snapshots would interleave.
  await expect(wb.invoke('heap.take', { targetId })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'a heap snapshot of this target is already being taken' })
  const taken = await first
  expect(taken).toMatchObject({ source: 'capture', targetId, state: 'loading', sessionId: null })
  expect(taken.gc!.afterBytes).toBeLessThanOrEqual(taken.gc!.beforeBytes)
  expect(path.dirname(taken.file)).toBe(wb.heap.library.heapDir)
  const ready = await wb.heap.library.ready(taken.id)
  expect(ready).toMatchObject({ state: 'ready', error: null })
  expect(ready.nodeCount).toBeGreaterThan(1000)
  await vi.waitFor(() => expect(lists.at(-1)?.find((s) => s.id === taken.id)?.state).toBe('ready'))
  expect(progress.filter((p) => p.snapshotId === taken.id).map((p) => p.phase)).toEqual(expect.arrayContaining(['gc', 'snapshotting', 'writing', 'done']))

  const page = await wb.invoke('heap.summary', { snapshotId: taken.id, search: 'HeapCaptureMarker' })
  expect(page.rows).toEqual([expect.objectContaining({ name: 'HeapCaptureMarker', count: 1234 })])
  const objects = await wb.invoke('heap.objects', { snapshotId: taken.id, constructorName: 'HeapCaptureMarker', limit: 10 })
  expect(objects.total).toBe(1234)
  expect(objects.rows).toHaveLength(10)
  const detail = await wb.invoke('heap.object', { snapshotId: taken.id, nodeId: objects.rows[0].nodeId })
  expect(detail.edges.rows.map((e) => e.name)).toEqual(expect.arrayContaining(['index', 'label']))
  const paths = await wb.invoke('heap.retainerPaths', { snapshotId: taken.id, nodeId: objects.rows[0].nodeId })
  expect(paths.length).toBeGreaterThan(0)
  expect(paths[0].steps.some((s) => s.edge?.name === 'markers')).toBe(true)

  // Exported as the standard file V8 wrote (DevTools and memlab open it).
  const exported = path.join(path.dirname(wb.heap.library.heapDir), 'exported.heapsnapshot')
  expect(await wb.invoke('heap.export', { snapshotId: taken.id, path: exported })).toEqual({ file: exported })
  expect(readFileSync(exported).equals(readFileSync(taken.file))).toBe(true)
  await expect(wb.invoke('heap.export', { snapshotId: taken.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  await expect(wb.invoke('heap.summary', { snapshotId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  await wb.invoke('heap.remove', { snapshotId: taken.id })
  expect(existsSync(taken.file)).toBe(false)
  expect(await wb.invoke('heap.list', undefined)).toEqual([])
})

it('diffs two snapshots: exactly the objects the program retained in between are new', async () => {
  const { wb, targetId, retain } = await launch(500)
  const before = await takeReady(wb, targetId)
  await retain(321)
  const after = await takeReady(wb, targetId)
  const diff = await wb.invoke('heap.diff', { beforeId: before.id, afterId: after.id, search: 'HeapCaptureMarker' })
  expect(diff.rows).toEqual([expect.objectContaining({ name: 'HeapCaptureMarker', countA: 500, countB: 821, countDelta: 321, newCount: 321, deletedCount: 0 })])
  const fresh = await wb.invoke('heap.objects', { snapshotId: after.id, constructorName: 'HeapCaptureMarker', newSince: before.id, limit: 1000 })
  expect(fresh.total).toBe(321)
  await expect(wb.invoke('heap.diff', { beforeId: before.id, afterId: before.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
})

it('finds what an action leaked with the one-click flow, reporting what each GC freed', async () => {
  const { wb, targetId, retain } = await launch(100)
  const states: LeakFlowState[] = []
  wb.on('heap.leakFlowChanged', (s) => states.push(s))
  expect(await wb.invoke('heap.leakFlow', { targetId })).toBeNull()
  const afterBaseline = await wb.invoke('heap.leakFlowNext', { targetId })
  expect(afterBaseline).toMatchObject({ step: 'action', busy: false, baselineId: expect.any(String) })
  await retain(77)
  expect(await wb.invoke('heap.leakFlowNext', { targetId })).toMatchObject({ step: 'final', targetSnapshotId: expect.any(String) })
  const done = await wb.invoke('heap.leakFlowNext', { targetId })
  expect(done.step).toBe('done')
  expect(Object.keys(done.gc).sort()).toEqual(['baseline', 'final', 'target'])
  // What each forced GC freed: the drop from before to after (none when the heap grew meanwhile);
  // the first collects what the program threw away since it started.
  for (const gc of Object.values(done.gc)) {
    expect(gc.beforeBytes).toBeGreaterThan(1024 * 1024)
    expect(gc.afterBytes).toBeGreaterThan(1024 * 1024)
    expect(gc.freedBytes).toBe(Math.max(0, gc.beforeBytes - gc.afterBytes))
  }
  expect(done.gc.baseline!.freedBytes).toBeGreaterThan(0)
  const markers = done.leaks!.leaks.filter((l) => l.name === 'HeapCaptureMarker')
  expect(markers.reduce((n, l) => n + l.count, 0)).toBe(77)
  expect(markers[0].retainerPath.join(' ')).toContain('markers')
  expect(states.map((s) => `${s.step}${s.busy ? '…' : ''}`)).toEqual(['baseline…', 'action', 'action…', 'final', 'final…', 'analysing…', 'done'])
  // The three snapshots are in the list, each marked with its step.
  expect((await wb.invoke('heap.list', undefined)).map((s) => s.leakStep)).toEqual(['baseline', 'target', 'final'])
})

it('records heap samples and snapshots (with their summaries) into the session', async () => {
  const { wb, targetId } = await launch(42)
  const ticks: string[][] = []
  wb.on('heap.trendTick', ({ targetIds }) => ticks.push(targetIds))
  await wb.invoke('settings.set', { heapSampleIntervalMs: 100 })
  const recording = await wb.invoke('sessions.record', { targetId })
  const snapshot = await takeReady(wb, targetId)
  await vi.waitFor(() => expect(wb.heap.library.get(snapshot.id).sessionId).toBe(recording.id))
  await vi.waitFor(() => expect(wb.heap.sampler.trend(targetId).time.length).toBeGreaterThan(5), { timeout: 10_000, interval: 50 })
  // New samples are announced in batches (one tick a second at most, however many samples).
  await vi.waitFor(() => expect(ticks.length).toBeGreaterThan(0), { timeout: 5000 })
  expect(ticks.every((ids) => ids.length === 1 && ids[0] === targetId)).toBe(true)
  expect(ticks.length).toBeLessThan(wb.heap.sampler.trend(targetId).time.length)
  await wb.invoke('sessions.stop', { sessionId: recording.id })
  const file = path.join(wb.sessions.libraryDir, 'heap.spyglass')
  await wb.invoke('sessions.save', { sessionId: recording.id, path: file })

  const source = await openSessionFile(file)
  try {
    expect(source.entryNames).toEqual(expect.arrayContaining([`heap/${snapshot.id}.heapsnapshot`, `summaries/heap-${snapshot.id}.json`, 'streams/heap.ndjson']))
    const summary = await summarizeSession(source)
    expect(summary.heap.snapshots).toEqual([
      expect.objectContaining({ entry: `heap/${snapshot.id}.heapsnapshot`, nodeCount: snapshot.nodeCount, gc: snapshot.gc, constructors: expect.any(Array) })
    ])
    expect(summary.heap.trend.samples).toBeGreaterThan(5)
    expect(summary.heap.trend.leakSuspected).toBe(false)
    expect(typeof summary.heap.trend.slopeBytesPerSec).toBe('number')
    let lines = ''
    for await (const chunk of await source.openEntry('streams/heap.ndjson')) lines += String(chunk)
    const records = lines.trim().split('\n').map((l) => heapStreamRecordSchema.parse(JSON.parse(l)))
    expect(records.some((r) => r.type === 'sample' && r.targetId === targetId)).toBe(true)
    // The forced GC before the snapshot is marked.
    expect(records.some((r) => r.type === 'gc' && r.kind === 'forced')).toBe(true)
  } finally {
    await source.close()
  }
})

it('lists the snapshots of an opened session, analysed, and forgets them when it closes', async () => {
  const { wb, targetId } = await launch(64)
  await wb.invoke('settings.set', { heapSampleIntervalMs: 100 })
  await vi.waitFor(() => expect(wb.heap.sampler.trend(targetId).time.length).toBeGreaterThan(3), { timeout: 10_000, interval: 50 })
  const recording = await wb.invoke('sessions.record', { targetId })
  const taken = await takeReady(wb, targetId)
  await vi.waitFor(() => expect(wb.heap.library.get(taken.id).sessionId).toBe(recording.id))
  const file = path.join(wb.sessions.libraryDir, 'reopened.spyglass')
  await wb.invoke('sessions.save', { sessionId: recording.id, path: file })

  const opened = (await wb.invoke('sessions.open', { path: file }))!
  const fromSession = (): HeapSnapshotItem | undefined => wb.heap.library.list().find((s) => s.source === 'session')
  await vi.waitFor(() => expect(fromSession()?.state).toBe('ready'))
  expect(fromSession()).toMatchObject({ sessionId: opened.id, targetId: opened.rootTargetId, name: `${taken.id}.heapsnapshot`, nodeCount: taken.nodeCount })
  const page = await wb.invoke('heap.summary', { snapshotId: fromSession()!.id, search: 'HeapCaptureMarker' })
  expect(page.rows[0]).toMatchObject({ name: 'HeapCaptureMarker', count: 64 })
  await expect(wb.invoke('heap.take', { targetId: opened.rootTargetId })).rejects.toMatchObject({ code: 'READ_ONLY' })
  // The recorded heap of the process, as the trend of its read-only copy.
  const recorded = await wb.invoke('heap.trend', { targetId: opened.rootTargetId })
  expect(recorded.time.length).toBeGreaterThan(3)
  expect(recorded.time[0]).toBeGreaterThanOrEqual(wb.heap.sampler.trend(targetId).time[0])

  await wb.invoke('sessions.close', { sessionId: opened.id })
  await vi.waitFor(() => expect(fromSession()).toBeUndefined())
})

it('samples allocations into a tree of allocation sites', async () => {
  const { wb, targetId, retain } = await launch(0)
  expect(await wb.invoke('heap.samplingStart', { targetId, intervalBytes: 1024 })).toMatchObject({ running: true, intervalBytes: 1024 })
  await expect(wb.invoke('heap.samplingStart', { targetId })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  await retain(20_000)
  const profile = await wb.invoke('heap.samplingStop', { targetId })
  expect(profile.count).toBe(profile.parent.length)
  expect(profile.parent[0]).toBe(-1)
  expect(profile.totalBytes[0]).toBe(profile.selfBytes.reduce((a, b) => a + b, 0))
  const sites = profile.topSites.map((i) => profile.functionName[i])
  expect(sites.some((name) => /retainMarkers$/.test(name))).toBe(true)
  expect((await wb.invoke('heap.samplingStatus', { targetId })).running).toBe(false)
})

it('imports snapshot files by path (under the name given), and says so in one line when there is none', async () => {
  const wb = newWorkbench()
  workbenches.push(wb)
  const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fixtures/heapsnapshot')
  const imported = await wb.invoke('heap.import', { path: path.join(fixtures, 'v8-heap-analyzer-object-modern.heapsnapshot'), name: 'modern.heapsnapshot' })
  expect(imported).toMatchObject({ source: 'import', name: 'modern.heapsnapshot', targetId: null, state: 'loading' })
  expect((await wb.heap.library.ready(imported!.id)).nodeCount).toBeGreaterThan(1000)
  const old = await wb.invoke('heap.import', { path: path.join(fixtures, 'stefanpenner-small-2017.heapsnapshot') })
  expect((await wb.heap.library.ready(old!.id)).name).toBe('stefanpenner-small-2017.heapsnapshot')
  await expect(wb.invoke('heap.import', { path: path.join(fixtures, 'missing.heapsnapshot') })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  // Removing an imported snapshot forgets it; the file is the user's and stays.
  await wb.invoke('heap.remove', { snapshotId: old!.id })
  expect(existsSync(path.join(fixtures, 'stefanpenner-small-2017.heapsnapshot'))).toBe(true)
})
