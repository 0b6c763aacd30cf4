// The heap trend of real programs: a program that retains what it allocates is flagged, one that
// only makes garbage is not; GCs the target reports arrive as marks.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'
import type { Workbench } from '../../workbench'
import { newWorkbench, stopAllNodes } from '../../targets/test/harness'
import { HeapSampler, type HeapRecord } from '../heapSampler'

const workload = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'heapWorkload.cjs')
const cleanup: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
  await stopAllNodes()
})

async function sampled(mode: 'leak' | 'steady'): Promise<{ wb: Workbench; sampler: HeapSampler; targetId: string; records: HeapRecord[] }> {
  const wb = newWorkbench()
  cleanup.push(() => wb.dispose())
  const sampler = new HeapSampler({ targets: wb.targets, intervalMs: () => 100 })
  cleanup.push(() => sampler.dispose())
  const records: HeapRecord[] = []
  sampler.onRecords((batch) => records.push(...batch))
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, '--max-semi-space-size=1', workload, mode] })
  return { wb, sampler, targetId: target.id, records }
}

it('flags a program that keeps what it allocates', async () => {
  const { sampler, targetId, records } = await sampled('leak')
  await vi.waitFor(
    () => {
      const { verdict } = sampler.trend(targetId)
      expect(verdict.spanMs).toBeGreaterThan(8000)
      expect(verdict.minima).toBeGreaterThanOrEqual(10)
    },
    { timeout: 40_000, interval: 250 }
  )
  const series = sampler.trend(targetId)
  expect(series.verdict.leakSuspected).toBe(true)
  expect(series.verdict.slopeBytesPerSec).toBeGreaterThan(100 * 1024)
  expect(series.time.length).toBe(series.usedBytes.length)
  expect(series.time).toEqual([...series.time].sort((a, b) => a - b))
  // Every sample was announced (for recordings), tagged with its target.
  expect(records.filter((r) => r.type === 'sample').length).toBeGreaterThanOrEqual(series.time.length)
  expect(records.every((r) => r.targetId === targetId)).toBe(true)
  // The target reports its major GCs (PerformanceObserver through a binding), with their times.
  const gcs = records.filter((r) => r.type === 'gc')
  expect(gcs.length).toBeGreaterThan(0)
  expect(series.gcTime.length).toBeGreaterThan(0)
  expect(gcs.every((g) => g.time > series.time[0] - 60_000 && g.time < Date.now() + 1000)).toBe(true)
  // Later samples only, when asked for what is new.
  const last = series.time.at(-1)!
  expect(sampler.trend(targetId, last).time.every((t) => t > last)).toBe(true)
})

it('does not flag a program that only makes garbage', async () => {
  const { sampler, targetId } = await sampled('steady')
  await vi.waitFor(
    () => {
      const { verdict } = sampler.trend(targetId)
      expect(verdict.spanMs).toBeGreaterThan(8000)
      expect(verdict.minima).toBeGreaterThanOrEqual(10)
    },
    { timeout: 40_000, interval: 250 }
  )
  const { verdict } = sampler.trend(targetId)
  expect(verdict.leakSuspected, verdict.reason).toBe(false)
})
