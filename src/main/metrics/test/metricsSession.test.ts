// Metric samples in sessions: written while recording, read back from the saved file by the
// System view of the opened session, summarised for `spyglass inspect`.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it, vi } from 'vitest'
import { formatSessionSummary, summarizeSession } from '../../sessionParts'
import { openSessionFile } from '../../sessions'
import { newWorkbench } from '../../targets/test/harness'
import { useFakeNvidiaSmiWorkbenches } from './fakeNvidiaSmi'

const blocker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'blocker.cjs')
const { workbenches } = useFakeNvidiaSmiWorkbenches('telegraf-tesla-t4-drv515.xml')

it('records samples and alerts into the session, shows them once opened, and summarises them', async () => {
  const wb = newWorkbench()
  workbenches.push(wb)
  await wb.invoke('settings.set', { metricsIntervalMs: 200, metricsAlertAfterMs: 0 })
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, blocker], env: { BLOCK_MS: '150', BLOCK_EVERY_MS: '200' } })
  const session = await wb.invoke('sessions.record', { targetId: target.id })
  await vi.waitFor(
    () => {
      const samples = wb.metrics.service.series().targets[target.id] ?? []
      expect(samples.filter((s) => s.heapUsedBytes !== null).length).toBeGreaterThanOrEqual(3)
      expect(wb.metrics.service.health.alerts().length).toBeGreaterThan(0)
    },
    { timeout: 20_000, interval: 50 }
  )
  await wb.invoke('sessions.stop', { sessionId: session.id })
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'spyglass-metrics-session-')), 'run.spyglass')
  await wb.invoke('sessions.save', { sessionId: session.id, path: file })

  const opened = (await wb.invoke('sessions.open', { path: file }))!
  const recorded = await wb.invoke('metrics.session', { sessionId: opened.id })
  expect(recorded.series.host.length).toBeGreaterThanOrEqual(3)
  expect(recorded.series.intervalMs).toBeGreaterThan(0)
  expect(recorded.series.gpu[0]).toMatchObject({ available: true, gpus: [expect.objectContaining({ name: 'Tesla T4' })] })
  // Samples are keyed by the recorded target's id, as the manifest names it.
  expect(recorded.series.targets[target.id]!.some((s) => s.heapUsedBytes !== null)).toBe(true)
  expect(recorded.alerts.some((a) => a.subject === `target:${target.id}`)).toBe(true)
  await expect(wb.invoke('metrics.session', { sessionId: session.id })).resolves.toMatchObject({ sessionId: session.id })

  const source = await openSessionFile(file)
  try {
    const summary = await summarizeSession(source)
    expect(summary.entries).toContain('streams/metrics.ndjson')
    const { metrics } = summary
    expect(metrics.samples.host).toBe(recorded.series.host.length)
    expect(metrics.host!.cpuPct!.peak).toBeGreaterThanOrEqual(metrics.host!.cpuPct!.mean)
    expect(metrics.gpus).toEqual([expect.objectContaining({ name: 'Tesla T4', metrics: expect.objectContaining({ memoryUsedMiB: { peak: 1032, mean: 1032, samples: expect.any(Number) } }) })])
    const t = metrics.targets.find((x) => x.targetId === target.id)!
    expect(t.metrics.eventLoopDelayMaxMs!.peak).toBeGreaterThanOrEqual(100)
    expect(metrics.alerts.length).toBeGreaterThan(0)
    const text = formatSessionSummary(summary).join('\n')
    expect(text).toMatch(/Metrics \(\d+ host, \d+ GPU and \d+ process samples\)/)
    expect(text).toContain('GPU 0 Tesla T4')
  } finally {
    await source.close()
  }
})

it('refuses the samples of a session that is not one', async () => {
  const wb = newWorkbench()
  workbenches.push(wb)
  await expect(wb.invoke('metrics.session', { sessionId: 'nope' })).rejects.toMatchObject({ code: 'UNKNOWN_SESSION' })
  await expect(wb.invoke('metrics.setThresholds', { thresholds: { hostMemoryPct: { warn: 90, critical: 80 } } })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  const view = await wb.invoke('metrics.setThresholds', { thresholds: { hostMemoryPct: { warn: 70, critical: 80 } }, alertAfterMs: 2000 })
  expect(view).toMatchObject({ alertAfterMs: 2000, thresholds: { hostMemoryPct: { warn: 70, critical: 80 }, eventLoopDelayP99Ms: { warn: 100, critical: 500 } } })
})
