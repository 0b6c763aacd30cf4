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
  /** Capture the launched target's stdout/stderr as events. */
  captureStdio: z.boolean().default(true),
  /** Reconnect to a target that restarts on the same inspector port. */
  autoReconnect: z.boolean().default(true)
})

export type Settings = z.infer<typeof settingsSchema>

export const defaultSettings: Settings = settingsSchema.parse({})
