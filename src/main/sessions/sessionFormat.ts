// The .spyglass session format, specified once: its version, its entries and the schema of each,
// with an "added in" note per field (speedscope's file-format-spec). Reader and writer both use
// this module; docs/session-format.md describes the same thing for people.
import { z } from 'zod'
import { consoleLevels, type ConsoleEvent } from '../../shared/consoleTypes'
import type { SessionTarget } from '../../shared/sessionTypes'

export const sessionFormatName = 'spyglass-session'
/** Bump on any change a reader of the previous version could misread; note the change in the docs. */
export const sessionFormatVersion = 1
export const sessionFileExtension = '.spyglass'

/** Entry names of the container (and of the autosave folder, which has the same layout). */
export const sessionEntries = {
  manifest: 'manifest.json',
  /** Console and exception events of every target of the session, in the order they were captured (stdout lines can trail console events stamped later). */
  events: 'events.ndjson',
  /** User notes on the session. */
  notes: 'notes.json'
} as const

/** Further NDJSON streams (metric samples, breakpoint hits…) live under streams/. */
export const streamEntry = (stream: string): string => `streams/${stream}.ndjson`
/** Summaries (error groups, profile and snapshot summaries) under summaries/. */
export const summaryEntry = (name: string): string => `summaries/${name}.json`

/** Every entry name a reader accepts; anything else in a file is ignored, never extracted. */
const entryNamePattern =
  /^(?:manifest\.json|events\.ndjson|notes\.json|streams\/[a-z0-9][a-z0-9-]*\.ndjson|summaries\/[a-z0-9][a-z0-9.-]*\.json|profiles\/[A-Za-z0-9][A-Za-z0-9._-]*\.cpuprofile|heap\/[A-Za-z0-9][A-Za-z0-9._-]*\.heapsnapshot)$/
export function isSessionEntryName(name: string): boolean {
  return entryNamePattern.test(name) && !name.includes('..')
}

const stackFrame = z.object({
  functionName: z.string(),
  url: z.string(),
  line: z.number().int(),
  column: z.number().int()
})

const remoteValue = z.object({
  type: z.string(),
  subtype: z.string().optional(),
  className: z.string().optional(),
  text: z.string(),
  // Live handles mean nothing once the session is closed; writers drop them, readers ignore them.
  objectId: z.string().optional()
})

/** One line of events.ndjson. Added in 1. */
export const sessionEventSchema = z.object({
  seq: z.number().int().nonnegative(),
  targetId: z.string().min(1),
  time: z.number(),
  level: z.enum(consoleLevels),
  source: z.enum(['console', 'exception', 'stdout', 'stderr', 'spyglass']),
  method: z.string().optional(),
  text: z.string(),
  args: z.array(remoteValue).optional(),
  stack: z.array(stackFrame).optional(),
  location: stackFrame.optional(),
  /** Consecutive repetitions folded into this line (from events stored before recording began). */
  repeat: z.number().int().min(2).optional(),
  lastTime: z.number().optional(),
  /** Original text length / stack depth when storage cut them. */
  trimmed: z.object({ text: z.number().int().optional(), stack: z.number().int().optional() }).optional()
}) satisfies z.ZodType<ConsoleEvent>

const targetExit = z.object({ code: z.number().int().nullable(), signal: z.string().nullable() })

/** A target as recorded. Added in 1. */
export const sessionTargetSchema = z.object({
  id: z.string().min(1),
  parentId: z.string().nullable(),
  kind: z.enum(['launch', 'port', 'ws', 'pid', 'worker']),
  title: z.string(),
  pid: z.number().int().nullable(),
  command: z.string(),
  nodeVersion: z.string().nullable(),
  platform: z.string().nullable(),
  cwd: z.string().nullable(),
  attachedAt: z.number(),
  exit: targetExit.nullable(),
  lastError: z.string().nullable()
}) satisfies z.ZodType<SessionTarget>

const levelCounts = z.object(Object.fromEntries(consoleLevels.map((l) => [l, z.number().int().nonnegative()])) as Record<(typeof consoleLevels)[number], z.ZodNumber>)

/** What the manifest lists about each entry beside the events. Added in 1. */
export const manifestEntrySchema = z.object({
  name: z.string().refine(isSessionEntryName, 'not a session entry name'),
  kind: z.enum(['stream', 'summary', 'cpuprofile', 'heapsnapshot', 'notes']),
  /** For streams: records written; for artifacts: when they were captured. */
  records: z.number().int().nonnegative().optional(),
  capturedAt: z.number().optional(),
  bytes: z.number().int().nonnegative().optional()
})
export type ManifestEntry = z.infer<typeof manifestEntrySchema>

/** Only the fields that decide whether this reader may go on: checked before the rest. */
export const manifestHeaderSchema = z.object({
  format: z.literal(sessionFormatName),
  formatVersion: z.number().int().positive()
})

/** manifest.json. Every field added in 1 unless noted. */
export const manifestSchema = manifestHeaderSchema.extend({
  /** The Spyglass version that wrote it. */
  appVersion: z.string(),
  sessionId: z.string().min(1),
  title: z.string(),
  /** The target the session was recorded from, with its exit if it ended while recorded. */
  target: sessionTargetSchema,
  /** Every target of the session, the root first, worker threads after. */
  targets: z.array(sessionTargetSchema).min(1),
  startedAt: z.number(),
  /** Null while recording (and in an autosave whose recorder crashed). */
  endedAt: z.number().nullable(),
  /** Counts as the recorder last wrote them; a reader recounts events.ndjson. */
  counts: z.object({ events: z.number().int().nonnegative(), byLevel: levelCounts, dropped: z.number().int().nonnegative() }),
  entries: z.array(manifestEntrySchema)
})
export type SessionManifest = z.infer<typeof manifestSchema>

/** notes.json. Added in 1. */
export const notesSchema = z.array(z.object({ time: z.number(), text: z.string() }))

export function emptyLevelCounts(): Record<(typeof consoleLevels)[number], number> {
  return { debug: 0, log: 0, info: 0, warn: 0, error: 0 }
}
