import { z } from 'zod'
import { healthMetrics, type HealthMetric, type HealthThresholds } from './metricsTypes'

/** Defaults of the metrics health thresholds: warn, then critical, at or above each value. */
export const defaultHealthThresholds: HealthThresholds = {
  hostCpuPct: { warn: 90, critical: 98 },
  hostMemoryPct: { warn: 85, critical: 95 },
  hostDiskPct: { warn: 90, critical: 97 },
  // A busy GPU is not unhealthy in itself; only a saturated one for long is worth a word.
  gpuUtilizationPct: { warn: 98, critical: 100 },
  gpuMemoryPct: { warn: 90, critical: 98 },
  gpuTemperatureC: { warn: 83, critical: 90 },
  // One core: a Node process near 100 % has no time left for its event loop.
  targetCpuPct: { warn: 80, critical: 95 },
  targetHeapPct: { warn: 80, critical: 92 },
  eventLoopDelayP99Ms: { warn: 100, critical: 500 },
  eventLoopUtilizationPct: { warn: 90, critical: 98 }
}

const thresholdSchema = z
  .object({ warn: z.number().finite(), critical: z.number().finite() })
  .refine((t) => t.critical >= t.warn, { message: 'critical must not be below warn' })

const thresholdsSchema = z.object(
  Object.fromEntries(healthMetrics.map((m) => [m, thresholdSchema.default(defaultHealthThresholds[m])])) as Record<HealthMetric, z.ZodDefault<typeof thresholdSchema>>
)

// Settings are read from disk (electron-store / conf), so they are validated and defaulted here.
export const settingsSchema = z.object({
  theme: z.enum(['system', 'dark', 'light']).default('system'),
  /** Byte budget of each target's console store. */
  consoleBudgetBytes: z
    .number()
    .int()
    .min(1024 * 1024)
    .max(2 * 1024 * 1024 * 1024)
    .default(64 * 1024 * 1024),
  /**
   * Share of each level's events to store (1 keeps all, 0.1 one in ten, 0 none), for targets
   * that log more than is useful to keep. Errors and warnings are kept whole by default.
   */
  consoleSampling: z
    .object({
      debug: z.number().min(0).max(1).default(1),
      log: z.number().min(0).max(1).default(1),
      info: z.number().min(0).max(1).default(1),
      warn: z.number().min(0).max(1).default(1),
      error: z.number().min(0).max(1).default(1)
    })
    .default({ debug: 1, log: 1, info: 1, warn: 1, error: 1 }),
  /** Capture the launched target's stdout/stderr as events. */
  captureStdio: z.boolean().default(true),
  /** Reconnect to a target that restarts on the same inspector port. */
  autoReconnect: z.boolean().default(true),
  /** A JSON file of the user's own error patterns, consulted before the built-in catalog. */
  errorPatternsFile: z.string().min(1).nullable().default(null),
  /**
   * Extra redaction patterns for exports, beside the built-in ones: `keys` are regular
   * expressions matched against property names, `values` against the text of values.
   */
  redaction: z
    .object({
      keys: z.array(z.string()).default([]),
      values: z.array(z.string()).default([])
    })
    .default({ keys: [], values: [] }),
  /** How often the System view samples the host, the GPUs and the targets. */
  metricsIntervalMs: z.number().int().min(100).max(60_000).default(1000),
  /** Health thresholds per metric (see defaultHealthThresholds). */
  metricsThresholds: thresholdsSchema.default(defaultHealthThresholds),
  /** A metric raises an alert once it has stayed in warn or critical this long. */
  metricsAlertAfterMs: z.number().int().min(0).max(3_600_000).default(10_000),
  /** How often the heap of each attached target is sampled for the Memory view's trend (an hour of samples is kept). */
  heapSampleIntervalMs: z.number().int().min(100).max(60_000).default(1000)
})

export type Settings = z.infer<typeof settingsSchema>

export const defaultSettings: Settings = settingsSchema.parse({})
