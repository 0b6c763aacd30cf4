// The metrics stream of a session (streams/metrics.ndjson): one MetricsRecord per line. Read
// back from disk, so every line is validated; a line that is not a record is skipped and
// counted, never trusted.
import { z } from 'zod'
import { healthMetrics, type MetricsRecord } from '../../shared/metricsTypes'
import { ndjsonLines, type SessionSource } from '../sessions'

/** The stream's name in the session (streams/metrics.ndjson). Added in format 1. */
export const metricsStreamName = 'metrics'
export const metricsStreamEntry = `streams/${metricsStreamName}.ndjson`

const n = z.number()
const nn = z.number().nullable()

const hostSampleSchema = z.object({
  time: n,
  cpuPct: n,
  cpuCoresPct: z.array(n),
  memTotalBytes: n,
  memUsedBytes: n,
  memAvailableBytes: n,
  memUsedPct: n,
  swapTotalBytes: n,
  swapUsedBytes: n,
  diskUsedBytes: nn,
  diskTotalBytes: nn,
  diskUsedPct: nn,
  diskReadBytesPerSec: nn,
  diskWriteBytesPerSec: nn,
  netRxBytesPerSec: nn,
  netTxBytesPerSec: nn,
  load1: n,
  load5: n,
  load15: n
})

const gpuSampleSchema = z.object({
  time: n,
  available: z.boolean(),
  reason: z.string().nullable(),
  driverVersion: z.string().nullable(),
  gpus: z.array(
    z.object({
      index: n,
      name: z.string(),
      uuid: z.string(),
      utilizationGpuPct: nn,
      utilizationMemoryPct: nn,
      memoryUsedMiB: nn,
      memoryTotalMiB: nn,
      temperatureC: nn,
      powerDrawW: nn,
      powerLimitW: nn,
      graphicsClockMHz: nn,
      smClockMHz: nn,
      memoryClockMHz: nn,
      fanPct: nn,
      pstate: z.string().nullable(),
      migEnabled: z.boolean().nullable(),
      migDevices: z.array(z.object({ index: n, gpuInstanceId: nn, computeInstanceId: nn, memoryUsedMiB: nn, memoryTotalMiB: nn }))
    })
  ),
  processes: z.array(z.object({ pid: n, name: z.string(), usedMemoryMiB: nn, gpuUuid: z.string(), gpuIndex: n, type: z.string().nullable(), gpuInstanceId: nn }))
})

const targetSampleSchema = z.object({
  time: n,
  targetId: z.string(),
  pid: nn,
  cpuPct: nn,
  rssBytes: nn,
  heapUsedBytes: nn,
  heapTotalBytes: nn,
  heapLimitBytes: nn,
  externalBytes: nn,
  eventLoopDelayP50Ms: nn,
  eventLoopDelayP99Ms: nn,
  eventLoopDelayMaxMs: nn,
  eventLoopUtilization: nn,
  gcCount: nn,
  gcPauseMs: nn,
  gcMaxPauseMs: nn,
  gpuMemoryMiB: nn
})

const alertSchema = z.object({
  id: n,
  time: n,
  since: n,
  metric: z.enum(healthMetrics),
  subject: z.string(),
  subjectLabel: z.string(),
  state: z.enum(['warn', 'critical']),
  value: n,
  peak: n,
  threshold: n,
  resolvedAt: nn
})

export const metricsRecordSchema: z.ZodType<MetricsRecord> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('host'), sample: hostSampleSchema }),
  z.object({ kind: z.literal('gpu'), sample: gpuSampleSchema }),
  z.object({ kind: z.literal('target'), sample: targetSampleSchema }),
  z.object({ kind: z.literal('alert'), alert: alertSchema })
])

/** Every valid record of a session, oldest first; `skipped` counts lines that were not. */
export async function* readMetricsRecords(source: SessionSource, counts: { skipped: number } = { skipped: 0 }): AsyncGenerator<MetricsRecord> {
  if (!source.entryNames.includes(metricsStreamEntry)) return
  const stream = await source.openEntry(metricsStreamEntry)
  // A recording cut short may end in half a line: that line is dropped, the rest is kept.
  for await (const line of ndjsonLines(stream, { maxLineBytes: 16 * 1024 * 1024, keepUnterminated: false })) {
    if (line === '') continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      counts.skipped++
      continue
    }
    const parsed = metricsRecordSchema.safeParse(json)
    if (parsed.success) yield parsed.data
    else counts.skipped++
  }
}
