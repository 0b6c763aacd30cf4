import { z } from 'zod'

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
    .default({ keys: [], values: [] })
})

export type Settings = z.infer<typeof settingsSchema>

export const defaultSettings: Settings = settingsSchema.parse({})
