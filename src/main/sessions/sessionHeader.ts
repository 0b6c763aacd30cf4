// What `spyglass inspect` says about a session, driven part by part: the header (the target, the
// time range, the format) is the session's own; every other section comes from a domain's
// SessionPart. The events are read once, as a stream, and shown to every part on the way; then
// each part reads its own entries.
import path from 'node:path'
import type { SessionTarget } from '../../shared/sessionTypes'
import { notesSchema, sessionEntries, sessionFormatName } from './sessionFormat'
import type { SessionPart } from './sessionPart'
import type { SessionSource } from './sessionSource'

/** A target as `inspect` lists it: what it was and how it ended. */
export type SummaryTarget = Pick<SessionTarget, 'id' | 'parentId' | 'kind' | 'title' | 'pid' | 'command' | 'nodeVersion' | 'platform' | 'cwd' | 'exit'>

/** The session's own part of `spyglass inspect --json`, before the domains' sections. */
export interface SessionHeader {
  /** The file, as an absolute path. */
  file: string
  format: { name: string; version: number; appVersion: string }
  title: string
  /** The target the session was recorded from. */
  target: SummaryTarget
  /** Every target, the root first, worker threads after. */
  targets: SummaryTarget[]
  /** Epoch milliseconds. */
  startedAt: number
  /** Epoch milliseconds; the last event's time when the recording never ended cleanly. */
  endedAt: number
  durationMs: number
}

/** The session's own part after the domains' sections. */
export interface SessionTrailer {
  notes: Array<{ time: number; text: string }>
  /** Entry names present in the file, manifest included. */
  entries: string[]
}

function summaryTarget(t: SessionTarget): SummaryTarget {
  return { id: t.id, parentId: t.parentId, kind: t.kind, title: t.title, pid: t.pid, command: t.command, nodeVersion: t.nodeVersion, platform: t.platform, cwd: t.cwd, exit: t.exit }
}

/**
 * The header, every part's section (in the order given) and the trailer, in one object. `S` is
 * the intersection of the parts' sections; the caller that lists the parts names it.
 */
export async function summarizeWithParts<S extends object>(
  source: SessionSource,
  parts: readonly SessionPart[],
  options: { onProgress?: (done: number, total: number) => void } = {}
): Promise<SessionHeader & S & SessionTrailer> {
  const manifest = source.manifest
  const summarizers = parts.map((part) => part.summarize(source))
  const listeners = summarizers.flatMap((s) => (s.onEvent ? [s.onEvent.bind(s)] : []))
  let lastTime = manifest.startedAt
  for await (const event of source.events({ onProgress: options.onProgress })) {
    if (event.time > lastTime) lastTime = event.time
    for (const listener of listeners) listener(event)
  }
  const endedAt = manifest.endedAt ?? lastTime
  const header: SessionHeader = {
    file: path.resolve(source.location),
    format: { name: sessionFormatName, version: manifest.formatVersion, appVersion: manifest.appVersion },
    title: manifest.title,
    target: summaryTarget(manifest.target),
    targets: manifest.targets.map(summaryTarget),
    startedAt: manifest.startedAt,
    endedAt,
    durationMs: Math.max(0, endedAt - manifest.startedAt)
  }
  const sections: object[] = []
  for (const summarizer of summarizers) sections.push(await summarizer.finish())
  const trailer: SessionTrailer = {
    notes: source.entryNames.includes(sessionEntries.notes) ? await source.readJson(sessionEntries.notes, notesSchema) : [],
    entries: [...source.entryNames].sort()
  }
  return Object.assign({}, header, ...sections, trailer) as SessionHeader & S & SessionTrailer
}

// ---------------------------------------------------------------------------------------------
// The summary for people

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)}s`
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = Math.floor(seconds % 60)
  return h > 0 ? `${h}h ${m}m ${s}s` : `${m}m ${s}s`
}

function describeExit(exit: SummaryTarget['exit']): string {
  if (!exit) return 'still running when the recording ended'
  if (exit.signal) return `exited with signal ${exit.signal}`
  return exit.code === null ? 'exited' : `exited with code ${exit.code}`
}

/** A message on one line of a terminal, cut at `max` characters. */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\r?\n/g, '⏎ ')
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** The label column of the summary's key lines ("Events:   "). */
export function summaryLabel(name: string): string {
  return `${name}:`.padEnd(11)
}

/** The summary as lines a person reads in a terminal: the header, each part's lines, the trailer. */
export function formatWithParts(summary: SessionHeader & SessionTrailer, parts: readonly SessionPart[]): string[] {
  const { target } = summary
  const label = summaryLabel
  const lines: string[] = []
  lines.push(`${summary.title || target.command} — ${summary.file}`)
  const facts = [target.pid === null ? null : `pid ${target.pid}`, target.nodeVersion ? `Node ${target.nodeVersion}` : null, target.platform, `${target.kind}`].filter(Boolean)
  lines.push(`${label('Target')}${target.command} (${facts.join(', ')})`)
  if (target.cwd) lines.push(`${label('Folder')}${target.cwd}`)
  lines.push(`${label('Exit')}${describeExit(target.exit)}`)
  const workers = summary.targets.filter((t) => t.id !== target.id)
  if (workers.length > 0) lines.push(`${label('Workers')}${workers.length} (${workers.map((w) => w.title).join(', ')})`)
  lines.push(`${label('Recorded')}${new Date(summary.startedAt).toISOString()} for ${formatDuration(summary.durationMs)}`)
  // Each part reads its own keys out of the whole summary.
  for (const part of parts) lines.push(...part.format(summary, summary))
  if (summary.notes.length > 0) {
    lines.push('Notes:')
    for (const note of summary.notes) lines.push(`  ${new Date(note.time).toISOString()}  ${oneLine(note.text)}`)
    lines.push('')
  }
  lines.push(`${label('Entries')}${summary.entries.join(', ')}`)
  lines.push(`${label('Format')}${summary.format.name} ${summary.format.version}, written by Spyglass ${summary.format.appVersion}`)
  return lines
}
