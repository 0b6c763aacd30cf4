// The settings domain's part of the API contract: read the settings, change some of them.
import type { z } from 'zod'
import { defineEvents, defineRequests, noParams, type EventTypes, type RequestTypes } from './contract'
import { settingsSchema, type Settings } from './settingsTypes'

// Callers are typed as sending whole fields; the schema also fills a nested field left out with its
// default, which a caller changing one nested value would not mean.
const settingsPatch = settingsSchema.partial() as unknown as z.ZodType<Partial<Settings>, Partial<Settings>>

export const settingsRequests = defineRequests({
  'settings.get': { params: noParams, result: settingsSchema },
  /** Change the fields given; the others keep their values. The whole settings come back. */
  'settings.set': { params: settingsPatch, result: settingsSchema }
})

export const settingsEvents = defineEvents({
  'settings.changed': settingsSchema
})

export type SettingsRequests = RequestTypes<typeof settingsRequests>
export type SettingsEvents = EventTypes<typeof settingsEvents>
