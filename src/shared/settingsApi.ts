// The settings domain's part of the API contract: read the settings, change some of them.
import { z } from 'zod'
import { defineEvents, defineRequests, noParams, type EventTypes, type RequestTypes } from './contract'
import { settingsSchema, type Settings } from './settingsTypes'

// A patch is validated field by field as settingsSchema does, but without the defaults:
// settingsSchema.partial() would fill every field left out with its default, so changing one
// setting would reset all the others.
const fields = settingsSchema.shape
type PatchFields = { [K in keyof typeof fields]: z.ZodOptional<ReturnType<(typeof fields)[K]['unwrap']>> }
const settingsPatch = z.object(Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.unwrap().optional()])) as PatchFields)
// The handler gets a partial Settings (checked here, without a cast)...
const checkedPatch: z.ZodType<Partial<Settings>, z.input<typeof settingsPatch>> = settingsPatch
// ...and callers are typed as sending whole fields, one form of what the schema accepts: it would
// fill a nested field left out with its default, which a caller changing one nested value does
// not mean.
const settingsPatchParams = checkedPatch as z.ZodType<Partial<Settings>, Partial<Settings>>

export const settingsRequests = defineRequests({
  'settings.get': { params: noParams, result: settingsSchema },
  /** Change the fields given; the others keep their values. The whole settings come back. */
  'settings.set': { params: settingsPatchParams, result: settingsSchema }
})

export const settingsEvents = defineEvents({
  'settings.changed': settingsSchema
})

export type SettingsRequests = RequestTypes<typeof settingsRequests>
export type SettingsEvents = EventTypes<typeof settingsEvents>
