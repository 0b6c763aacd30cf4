// The metrics domain's part of the API contract (merged into ApiRequests / ApiEvents in api.ts).
// Sampling starts with the first metrics request (the System view opening) or a recording;
// new samples arrive batched about once a second ('metrics.batch'), never one event per sample.
// Each request: name → params → result; each event: name → payload. The name sets below are
// checked against the interfaces, so neither can drift.
import type { GpuSample, HealthThresholds, HealthTile, MetricAlert, MetricsBatch, MetricsSeries } from './metricsTypes'

export interface MetricsSettingsView {
  intervalMs: number
  alertAfterMs: number
  thresholds: HealthThresholds
}

/** What an opened session recorded, for the System view of a read-only target. */
export interface RecordedMetrics {
  sessionId: string
  series: MetricsSeries
  /** Alerts as last recorded (a resolved one carries its resolvedAt), newest first. */
  alerts: MetricAlert[]
}

export interface MetricsRequests {
  /** The samples kept (the last 15 minutes at 1 s), oldest first. */
  'metrics.series': { params: void; result: MetricsSeries }
  /** The latest GPU reading: every GPU and the processes using them. */
  'metrics.gpu': { params: void; result: GpuSample | null }
  /** Current health of every metric, and the alerts (newest first). */
  'metrics.alerts': { params: void; result: { health: HealthTile[]; alerts: MetricAlert[] } }
  'metrics.thresholds': { params: void; result: MetricsSettingsView }
  /** Changes the interval, thresholds (merged per metric) or sustain period; saved in the settings. */
  'metrics.setThresholds': { params: { intervalMs?: number; alertAfterMs?: number; thresholds?: Partial<HealthThresholds> }; result: MetricsSettingsView }
  /** The samples an opened session holds. */
  'metrics.session': { params: { sessionId: string }; result: RecordedMetrics }
}

export interface MetricsEvents {
  /** New samples, health and alert changes, about once a second while sampling. */
  'metrics.batch': MetricsBatch
}

export const metricsRequestNames: { [N in keyof MetricsRequests]: true } = {
  'metrics.series': true,
  'metrics.gpu': true,
  'metrics.alerts': true,
  'metrics.thresholds': true,
  'metrics.setThresholds': true,
  'metrics.session': true
}
export const metricsEventNames: { [N in keyof MetricsEvents]: true } = {
  'metrics.batch': true
}
