// Heap snapshots of a real program: streamed to a file chunk by chunk (reading paused while the
// file catches up), after a forced GC that reports what it freed; a target gone mid-way is a
// one-line error and leaves no file behind.
import { existsSync, readFileSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'
import type { Workbench } from '../../workbench'
import type { CdpClient } from '../../targets'
import { newWorkbench, stopAllNodes, testDataDir } from '../../targets/test/harness'
import { captureHeapSnapshot, collectGarbage, type CaptureProgress } from '../snapshotCapture'

const workload = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'heapWorkload.cjs')
const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})

async function attached(args: string[]): Promise<{ wb: Workbench; targetId: string; cdp: CdpClient }> {
  const wb = newWorkbench()
  workbenches.push(wb)
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, workload, ...args] })
  const cdp = wb.targets.require(target.id).cdp!
  return { wb, targetId: target.id, cdp }
}

/** Instances of a class in a snapshot, counted the plain way (the file is small). */
function countInstances(file: string, className: string): number {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] }
  const fields = snapshot.snapshot.meta.node_fields
  const objectType = snapshot.snapshot.meta.node_types[0].indexOf('object')
  const nameIndex = snapshot.strings.indexOf(className)
  let count = 0
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (snapshot.nodes[i + fields.indexOf('type')] === objectType && snapshot.nodes[i + fields.indexOf('name')] === nameIndex) count++
  }
  return count
}

it('streams a snapshot of the target to a file, after a GC that reports what it freed', async () => {
  const { cdp } = await attached(['steady', '1234'])
  // 16 MB of garbage that the forced GC must free.
  await cdp.send('Runtime.evaluate', { expression: 'globalThis.garbage = new Array(2_000_000).fill(1.5); globalThis.garbage = null; 0' })
  const pause = vi.spyOn(cdp, 'pauseReading')
  const resume = vi.spyOn(cdp, 'resumeReading')
  const progress: CaptureProgress[] = []
  const file = path.join(testDataDir(), 'a.heapsnapshot')
  // A buffer smaller than a chunk: reading pauses at each one until the file catches up.
  const captured = await captureHeapSnapshot(cdp, file, { onProgress: (p) => progress.push(p), bufferBytes: 16 * 1024 })

  expect(captured.gc!.freedBytes).toBeGreaterThan(15 * 1024 * 1024)
  expect(captured.gc!.afterBytes).toBe(captured.gc!.beforeBytes - captured.gc!.freedBytes)
  expect(countInstances(file, 'HeapCaptureMarker')).toBe(1234)
  expect(captured.bytes).toBe(readFileSync(file).length)
  expect(captured.stoppedAt).toBeGreaterThanOrEqual(captured.startedAt)
  // Phases in order: the GC, V8 walking the heap, the chunks written.
  const phases = [...new Set(progress.map((p) => p.phase))]
  expect(phases).toEqual(['gc', 'snapshotting', 'writing'])
  expect(progress.filter((p) => p.phase === 'writing').at(-1)!.done).toBe(captured.bytes)
  // Chunks are bigger than the file stream's buffer: reading paused and resumed each time.
  expect(pause).toHaveBeenCalled()
  expect(resume.mock.calls.length).toBeGreaterThanOrEqual(pause.mock.calls.length)
  expect(existsSync(`${file}.partial`)).toBe(false)
})

it('takes a snapshot without the GC when asked', async () => {
  const { cdp } = await attached(['steady', '10'])
  const file = path.join(testDataDir(), 'b.heapsnapshot')
  const captured = await captureHeapSnapshot(cdp, file, { collectGarbage: false })
  expect(captured.gc).toBeNull()
  expect(countInstances(file, 'HeapCaptureMarker')).toBe(10)
})

it('measures a forced GC on its own', async () => {
  const { cdp } = await attached(['steady', '0'])
  await cdp.send('Runtime.evaluate', { expression: 'globalThis.garbage = new Array(1_000_000).fill(2.5); globalThis.garbage = null; 0' })
  const gc = await collectGarbage(cdp)
  expect(gc.freedBytes).toBeGreaterThan(7 * 1024 * 1024)
})

it('gives up on a forced GC that a program on its way out cannot run, and snapshots it without one', async () => {
  const wb = newWorkbench()
  workbenches.push(wb)
  const outcome = new Promise<{ gc: unknown; bytes: number }>((resolve, reject) => {
    wb.targets.onFinishing(async (_targetId, cdp) => {
      const gc = await collectGarbage(cdp, 500).catch((error: unknown) => error)
      const captured = await captureHeapSnapshot(cdp, path.join(testDataDir(), 'out.heapsnapshot'), { collectGarbage: false }).catch(reject)
      if (captured) resolve({ gc, bytes: captured.bytes })
    })
  })
  await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, workload, 'steady', '0', '200'] })
  const { gc, bytes } = await outcome
  expect(gc).toMatchObject({ code: 'TIMEOUT', message: 'the target did not run the forced GC within 0.5 s' })
  expect(bytes).toBeGreaterThan(0)
})

it('fails in one line and leaves no file when the target goes away mid-snapshot', async () => {
  const { cdp } = await attached(['steady', '200000'])
  const dir = testDataDir()
  const file = path.join(dir, 'c.heapsnapshot')
  // The connection drops as soon as the first chunk arrives.
  cdp.on('HeapProfiler.addHeapSnapshotChunk', () => cdp.close())
  await expect(captureHeapSnapshot(cdp, file, { collectGarbage: false })).rejects.toMatchObject({ code: 'TARGET_EXITED', message: expect.stringMatching(/^the heap snapshot could not be taken: /) })
  expect(await readdir(dir)).toEqual([])
})
