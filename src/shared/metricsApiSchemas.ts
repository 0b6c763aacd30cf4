import { z } from 'zod'
import type { MetricsRequests } from './metricsApi'
import { healthMetrics, type HealthMetric } from './metricsTypes'

// Params of the metrics requests arrive from the wire: each is validated by its schema here.
const noParams = z.union([z.undefined(), z.null(), z.object({}).strict()]).transform(() => undefined)
const threshold = z
  .object({ warn: z.number().finite(), critical: z.number().finite() })
  .strict()
  .refine((t) => t.critical >= t.warn, { message: 'critical must not be below warn' })

export const metricsParamSchemas: { [N in keyof MetricsRequests]: z.ZodType } = {
  'metrics.series': noParams,
  'metrics.gpu': noParams,
  'metrics.alerts': noParams,
  'metrics.thresholds': noParams,
  'metrics.setThresholds': z
    .object({
      intervalMs: z.number().int().min(100).max(60_000).optional(),
      alertAfterMs: z.number().int().min(0).max(3_600_000).optional(),
      thresholds: z.object(Object.fromEntries(healthMetrics.map((m) => [m, threshold.optional()])) as Record<HealthMetric, z.ZodOptional<typeof threshold>>).strict().optional()
    })
    .strict(),
  'metrics.session': z.object({ sessionId: z.string().min(1) }).strict()
}
