// The sampler on real processes: two Node targets launched through the workbench (one that
// blocks its event loop), the host, and GPUs through the fake nvidia-smi replaying a capture.
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it, vi } from 'vitest'
import type { MetricsBatch, TargetSample } from '../../../shared/metricsTypes'
import { newWorkbench } from '../../targets/test/harness'
import type { Workbench } from '../../workbench'
import { useFakeNvidiaSmiWorkbenches } from './fakeNvidiaSmi'

const blocker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'blocker.cjs')
const { fake: fakeNvidiaSmi, workbenches } = useFakeNvidiaSmiWorkbenches('telegraf-dual-rtx-a5000-drv590-v13.xml')

function launch(wb: Workbench, env: Record<string, string>) {
  return wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, blocker], env })
}

const withProbe = (samples: TargetSample[] | undefined) => (samples ?? []).filter((s) => s.heapUsedBytes !== null && s.cpuPct !== null)

it('samples the host, the GPUs and several targets at once, from the OS and from inside each', async () => {
  const wb = newWorkbench()
  workbenches.push(wb)
  await wb.invoke('settings.set', { metricsIntervalMs: 200, metricsAlertAfterMs: 0 })
  const batches: MetricsBatch[] = []
  wb.on('metrics.batch', (batch) => batches.push(batch))
  const blocking = await launch(wb, { BLOCK_MS: '150', BLOCK_EVERY_MS: '200' })
  const calm = await launch(wb, { BLOCK_MS: '0' })
  // The blocking target stands in for the capture's first GPU process (22430 MiB on GPU 0).
  writeFileSync(fakeNvidiaSmi().pidFile, String(blocking.pid))
  await wb.invoke('metrics.series', undefined)

  await vi.waitFor(
    () => {
      const series = wb.metrics.service.series()
      // Enough readings of the loop's delay for medians (a reading is handed over one sample late).
      expect(withProbe(series.targets[blocking.id]).filter((s) => s.eventLoopDelayMaxMs !== null && s.gpuMemoryMiB !== null).length).toBeGreaterThanOrEqual(5)
      expect(withProbe(series.targets[calm.id]).filter((s) => s.eventLoopDelayP99Ms !== null).length).toBeGreaterThanOrEqual(5)
    },
    { timeout: 20_000, interval: 50 }
  )
  const series = wb.metrics.service.series()
  expect(series.intervalMs).toBe(200)

  const host = series.host.at(-1)!
  expect(host.cpuCoresPct).toHaveLength(os.cpus().length)
  expect(host.memTotalBytes).toBe(os.totalmem())
  expect(host.memUsedPct).toBeGreaterThan(0)
  expect(host.memUsedPct).toBeLessThan(100)
  expect(series.host.some((h) => h.netRxBytesPerSec !== null)).toBe(true)

  const gpu = series.gpu.at(-1)!
  expect(gpu).toMatchObject({ available: true, driverVersion: '590.44.01' })
  expect(gpu.gpus.map((g) => g.name)).toEqual(['NVIDIA RTX A5000', 'NVIDIA RTX A5000'])
  expect(gpu.processes[0]!.pid).toBe(blocking.pid)

  const blocked = withProbe(series.targets[blocking.id]).filter((s) => s.gpuMemoryMiB !== null).at(-1)!
  expect(blocked).toMatchObject({ pid: blocking.pid, gpuMemoryMiB: 22430 })
  expect(blocked.rssBytes).toBeGreaterThan(10 * 1024 * 1024)
  expect(blocked.heapUsedBytes).toBeLessThanOrEqual(blocked.heapTotalBytes!)
  expect(blocked.heapLimitBytes).toBeGreaterThan(blocked.heapTotalBytes!)
  // 150 ms of every 200 ms busy: a loop that late, and a process that busy.
  expect(Math.max(...withProbe(series.targets[blocking.id]).map((s) => s.eventLoopDelayMaxMs ?? 0))).toBeGreaterThanOrEqual(100)
  expect(Math.max(...withProbe(series.targets[blocking.id]).map((s) => s.cpuPct!))).toBeGreaterThan(5)
  const calmSamples = withProbe(series.targets[calm.id])
  expect(calmSamples.at(-1)!.gpuMemoryMiB).toBeNull()
  // The calm loop is late by far less than the blocked one (how late exactly depends on the machine's load).
  const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  const p99s = (samples: TargetSample[]) => samples.flatMap((x) => (x.eventLoopDelayP99Ms === null ? [] : [x.eventLoopDelayP99Ms]))
  expect(medianOf(p99s(calmSamples))).toBeLessThan(medianOf(p99s(withProbe(series.targets[blocking.id]))))

  // Health: the blocked loop went out of ok and was alerted at once (no sustain period here);
  // the calm one has its own tile.
  const { health, alerts } = await wb.invoke('metrics.alerts', undefined)
  const delay = (id: string) => health.find((t) => t.metric === 'eventLoopDelayP99Ms' && t.subject === `target:${id}`)
  expect(delay(calm.id)).toBeDefined()
  expect(delay(blocking.id)).toBeDefined()
  expect(alerts.some((a) => a.metric === 'eventLoopDelayP99Ms' && a.subject === `target:${blocking.id}`)).toBe(true)
  expect(health.some((t) => t.subject === `gpu:${gpu.gpus[0]!.uuid}` && t.metric === 'gpuMemoryPct')).toBe(true)

  // Batched: a batch carries several samples of a 200 ms interval, and the health of the moment.
  await vi.waitFor(() => expect(batches.some((b) => b.host.length >= 2 && b.health.length > 0)).toBe(true), { timeout: 10_000, interval: 50 })
})

it('stops sampling a target that detaches, and drops its samples when it is removed', async () => {
  const wb = newWorkbench()
  workbenches.push(wb)
  await wb.invoke('settings.set', { metricsIntervalMs: 200 })
  const target = await launch(wb, { BLOCK_MS: '0' })
  await wb.invoke('metrics.series', undefined)
  await vi.waitFor(() => expect(withProbe(wb.metrics.service.series().targets[target.id]).length).toBeGreaterThan(0), { timeout: 15_000, interval: 50 })
  await wb.invoke('targets.detach', { targetId: target.id })
  await wb.metrics.service.sampleNow()
  const count = wb.metrics.service.series().targets[target.id]!.length
  await wb.metrics.service.sampleNow()
  expect(wb.metrics.service.series().targets[target.id]).toHaveLength(count)
  await wb.invoke('targets.remove', { targetId: target.id })
  expect(wb.metrics.service.series().targets[target.id]).toBeUndefined()
  // Detached and removed, the program runs on without the workbench: it is this test's to end.
  process.kill(target.pid!, 'SIGKILL')
})
