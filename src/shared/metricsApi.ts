// The metrics domain's part of the API contract (merged into the one contract in api.ts).
// Sampling starts with the first metrics request (the System view opening) or a recording;
// new samples arrive batched about once a second ('metrics.batch'), never one event per sample.
import { z } from 'zod'
import { defineEvents, defineRequests, noParams, payload, result, type EventTypes, type RequestTypes } from './contract'
import { healthMetrics, type GpuSample, type HealthMetric, type HealthThresholds, type HealthTile, type MetricAlert, type MetricsBatch, type MetricsSeries } from './metricsTypes'

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

const threshold = z
  .object({ warn: z.number().finite(), critical: z.number().finite() })
  .strict()
  .refine((t) => t.critical >= t.warn, { message: 'critical must not be below warn' })

export const metricsRequests = defineRequests({
  /** The samples kept (the last 15 minutes at 1 s), oldest first. */
  'metrics.series': { params: noParams, result: result<MetricsSeries>() },
  /** The latest GPU reading: every GPU and the processes using them. */
  'metrics.gpu': { params: noParams, result: result<GpuSample | null>() },
  /** Current health of every metric, and the alerts (newest first). */
  'metrics.alerts': { params: noParams, result: result<{ health: HealthTile[]; alerts: MetricAlert[] }>() },
  'metrics.thresholds': { params: noParams, result: result<MetricsSettingsView>() },
  /** Changes the interval, thresholds (merged per metric) or sustain period; saved in the settings. */
  'metrics.setThresholds': {
    params: z
      .object({
        intervalMs: z.number().int().min(100).max(60_000).optional(),
        alertAfterMs: z.number().int().min(0).max(3_600_000).optional(),
        thresholds: z.object(Object.fromEntries(healthMetrics.map((m) => [m, threshold.optional()])) as Record<HealthMetric, z.ZodOptional<typeof threshold>>).strict().optional()
      })
      .strict(),
    result: result<MetricsSettingsView>()
  },
  /** The samples an opened session holds. */
  'metrics.session': { params: z.object({ sessionId: z.string().min(1) }).strict(), result: result<RecordedMetrics>() }
})

export const metricsEvents = defineEvents({
  /** New samples, health and alert changes, about once a second while sampling. */
  'metrics.batch': payload<MetricsBatch>()
})

export type MetricsRequests = RequestTypes<typeof metricsRequests>
export type MetricsEvents = EventTypes<typeof metricsEvents>
