// What `spyglass inspect --json` says about a session's metric samples: peak and mean of every
// metric, per subject (the host, each GPU, each target), and the alerts. One pass, constant
// memory per subject.
import type { MetricAlert, MetricsRecord } from '../../shared/metricsTypes'

export interface PeakMean {
  peak: number
  mean: number
  /** Samples that had a value. */
  samples: number
}

export type MetricStats = Record<string, PeakMean>

export interface MetricsSummary {
  /** Samples recorded, by kind. */
  samples: { host: number; gpu: number; target: number }
  /** null when the session has no host samples. */
  host: MetricStats | null
  gpus: Array<{ uuid: string; index: number; name: string; metrics: MetricStats }>
  targets: Array<{ targetId: string; metrics: MetricStats }>
  /** Each alert as last recorded, oldest first. */
  alerts: MetricAlert[]
  /** GPU readings were recorded but none found a GPU: why (e.g. "no NVIDIA GPU found"). */
  gpuUnavailableReason: string | null
}

class StatsAccumulator {
  private readonly sums = new Map<string, { peak: number; sum: number; samples: number }>()

  add(name: string, value: number | null): void {
    if (value === null || !Number.isFinite(value)) return
    const entry = this.sums.get(name)
    if (!entry) this.sums.set(name, { peak: value, sum: value, samples: 1 })
    else {
      entry.peak = Math.max(entry.peak, value)
      entry.sum += value
      entry.samples++
    }
  }

  result(): MetricStats {
    const out: MetricStats = {}
    for (const [name, { peak, sum, samples }] of this.sums) out[name] = { peak, mean: sum / samples, samples }
    return out
  }
}

const hostMetrics = ['cpuPct', 'memUsedPct', 'memUsedBytes', 'swapUsedBytes', 'diskUsedPct', 'diskReadBytesPerSec', 'diskWriteBytesPerSec', 'netRxBytesPerSec', 'netTxBytesPerSec', 'load1'] as const
const gpuMetrics = ['utilizationGpuPct', 'utilizationMemoryPct', 'memoryUsedMiB', 'temperatureC', 'powerDrawW'] as const
const targetMetrics = [
  'cpuPct',
  'rssBytes',
  'heapUsedBytes',
  'heapTotalBytes',
  'externalBytes',
  'eventLoopDelayP50Ms',
  'eventLoopDelayP99Ms',
  'eventLoopDelayMaxMs',
  'eventLoopUtilization',
  'gcPauseMs',
  'gpuMemoryMiB'
] as const

export async function summarizeMetrics(records: AsyncIterable<MetricsRecord>): Promise<MetricsSummary> {
  const counts = { host: 0, gpu: 0, target: 0 }
  const host = new StatsAccumulator()
  const gpus = new Map<string, { index: number; name: string; stats: StatsAccumulator }>()
  const targets = new Map<string, StatsAccumulator>()
  const alerts = new Map<number, MetricAlert>()
  let gpuReason: string | null = null
  let sawGpu = false
  for await (const record of records) {
    if (record.kind === 'host') {
      counts.host++
      for (const m of hostMetrics) host.add(m, record.sample[m])
    } else if (record.kind === 'gpu') {
      counts.gpu++
      if (!record.sample.available) gpuReason ??= record.sample.reason
      for (const g of record.sample.gpus) {
        sawGpu = true
        let entry = gpus.get(g.uuid)
        if (!entry) gpus.set(g.uuid, (entry = { index: g.index, name: g.name, stats: new StatsAccumulator() }))
        for (const m of gpuMetrics) entry.stats.add(m, g[m])
      }
    } else if (record.kind === 'target') {
      counts.target++
      let stats = targets.get(record.sample.targetId)
      if (!stats) targets.set(record.sample.targetId, (stats = new StatsAccumulator()))
      for (const m of targetMetrics) stats.add(m, record.sample[m])
    } else {
      // Raised, then resolved: the last record of an alert is its final state.
      alerts.set(record.alert.id, record.alert)
    }
  }
  return {
    samples: counts,
    host: counts.host > 0 ? host.result() : null,
    gpus: [...gpus].map(([uuid, g]) => ({ uuid, index: g.index, name: g.name, metrics: g.stats.result() })).sort((a, b) => a.index - b.index),
    targets: [...targets].map(([targetId, stats]) => ({ targetId, metrics: stats.result() })),
    alerts: [...alerts.values()].sort((a, b) => a.time - b.time || a.id - b.id),
    gpuUnavailableReason: sawGpu ? null : gpuReason
  }
}
