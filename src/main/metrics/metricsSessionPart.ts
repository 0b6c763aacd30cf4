// The metrics' part of a saved session: peak and mean per metric of the host, each GPU and each
// target, and the alerts (for `spyglass inspect`); the samples the read-only System view shows.
import { formatBytes } from '../../shared/formatBytes'
import type { RecordedMetrics } from '../../shared/metricsApi'
import type { MetricAlert, MetricsSeries } from '../../shared/metricsTypes'
import { textTable } from '../../shared/textTable'
import type { SessionPart, SessionSource, SummaryTarget } from '../sessions'
import { readMetricsRecords } from './metricsRecords'
import { summarizeMetrics, type MetricsSummary } from './metricsSummary'

export const metricsSessionPart: SessionPart<{ metrics: MetricsSummary }, Omit<RecordedMetrics, 'sessionId'>> = {
  name: 'metrics',
  summarize: (source) => ({ finish: async () => ({ metrics: await summarizeMetrics(readMetricsRecords(source)) }) }),
  format: (summary, header) => formatMetricsSummary(summary.metrics, header.targets),
  openRecorded: readRecordedMetrics
}

/** Every sample and the alerts as last recorded (newest first). */
async function readRecordedMetrics(source: SessionSource): Promise<Omit<RecordedMetrics, 'sessionId'>> {
  const series: MetricsSeries = { intervalMs: 0, host: [], gpu: [], targets: {} }
  const alerts = new Map<number, MetricAlert>()
  for await (const record of readMetricsRecords(source)) {
    if (record.kind === 'host') series.host.push(record.sample)
    else if (record.kind === 'gpu') series.gpu.push(record.sample)
    else if (record.kind === 'target') (series.targets[record.sample.targetId] ??= []).push(record.sample)
    else alerts.set(record.alert.id, record.alert)
  }
  // The interval is not stored: the typical gap between host samples is it.
  const gaps = series.host.slice(1).map((s, i) => s.time - series.host[i]!.time).sort((a, b) => a - b)
  series.intervalMs = gaps.length > 0 ? Math.round(gaps[Math.floor(gaps.length / 2)]!) : 0
  return { series, alerts: [...alerts.values()].sort((a, b) => b.time - a.time || b.id - a.id) }
}

/** The metrics part of the summary for people: a few peaks and means, and the alerts. */
export function formatMetricsSummary(metrics: MetricsSummary, targets: SummaryTarget[]): string[] {
  const { samples } = metrics
  if (samples.host + samples.gpu + samples.target === 0) return []
  const lines = [`Metrics (${samples.host} host, ${samples.gpu} GPU and ${samples.target} process samples), peak / mean:`]
  const pct = (name: string, stats: Record<string, { peak: number; mean: number }>, key: string, scale = 1): string | null => {
    const s = stats[key]
    return s ? `${name} ${(s.peak * scale).toFixed(0)}% / ${(s.mean * scale).toFixed(0)}%` : null
  }
  if (metrics.host) lines.push(`  host: ${[pct('CPU', metrics.host, 'cpuPct'), pct('memory', metrics.host, 'memUsedPct'), pct('disk', metrics.host, 'diskUsedPct')].filter(Boolean).join(', ')}`)
  for (const gpu of metrics.gpus) {
    const mem = gpu.metrics.memoryUsedMiB
    lines.push(`  GPU ${gpu.index} ${gpu.name}: ${[pct('utilization', gpu.metrics, 'utilizationGpuPct'), mem ? `memory ${mem.peak.toFixed(0)} / ${mem.mean.toFixed(0)} MiB` : null].filter(Boolean).join(', ')}`)
  }
  if (metrics.gpuUnavailableReason) lines.push(`  GPUs: ${metrics.gpuUnavailableReason}`)
  for (const target of metrics.targets) {
    const m = target.metrics
    const parts = [
      pct('CPU', m, 'cpuPct'),
      m.heapUsedBytes ? `heap ${formatBytes(m.heapUsedBytes.peak)} / ${formatBytes(m.heapUsedBytes.mean)}` : null,
      m.rssBytes ? `RSS ${formatBytes(m.rssBytes.peak)} / ${formatBytes(m.rssBytes.mean)}` : null,
      m.eventLoopDelayP99Ms ? `event-loop delay p99 ${m.eventLoopDelayP99Ms.peak.toFixed(1)} / ${m.eventLoopDelayP99Ms.mean.toFixed(1)} ms` : null
    ]
    const title = targets.find((t) => t.id === target.targetId)?.title ?? target.targetId
    lines.push(`  ${title}: ${parts.filter(Boolean).join(', ')}`)
  }
  lines.push(`  alerts: ${metrics.alerts.length === 0 ? 'none' : ''}`.trimEnd())
  const alerts = metrics.alerts.slice(0, 10).map((a) => [new Date(a.time).toISOString(), a.state, `${a.subjectLabel}: ${a.metric} ${a.value.toFixed(1)} (threshold ${a.threshold})`])
  lines.push(...textTable(alerts, { indent: '    ' }))
  lines.push('')
  return lines
}
