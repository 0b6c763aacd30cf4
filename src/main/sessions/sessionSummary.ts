// What `spyglass inspect` says about a session, computed in one pass over its events (never all
// of them in memory): the target, the time range, counts by level and source, the most frequent
// problems, the error groups (grouped again from the events, the same way the live Errors view
// does), the CPU profiles with their top functions, the metric samples (peak and mean per
// metric, alerts), the heap snapshots and the heap trend with its leak verdict, the entries
// present.
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { consoleLevels, occurrencesOf, type ConsoleLevel, type ConsoleSource, type StackFrame } from '../../shared/consoleTypes'
import type { ErrorGroupDetail } from '../../shared/errorTypes'
import { ErrorCatalog, ErrorGroups } from '../errors'
import { readMetricsRecords } from '../metrics/metricsRecords'
import { summarizeMetrics, type MetricsSummary } from '../metrics/metricsSummary'
import { loadProfile, profileReport } from '../profiler'
import { formatSessionHeap, summarizeSessionHeap, type SessionHeap } from '../heap/heapSessionSummary'
import { formatDebuggerSummary, summarizeDebuggerRecords, type DebuggerSessionSummary } from '../debugger/debuggerSessionSummary'
import type { ProfileReport } from '../../shared/profileTypes'
import type { SessionTarget } from '../../shared/sessionTypes'
import { emptyLevelCounts, notesSchema, sessionEntries, sessionFormatName } from './sessionFormat'
import type { SessionSource } from './sessionSource'

const consoleSources: readonly ConsoleSource[] = ['console', 'exception', 'stdout', 'stderr', 'spyglass']

export interface SummaryTarget {
  id: string
  parentId: string | null
  kind: SessionTarget['kind']
  title: string
  pid: number | null
  command: string
  nodeVersion: string | null
  platform: string | null
  cwd: string | null
  exit: { code: number | null; signal: string | null } | null
}

/** A message that recurs among warnings and errors: the stand-in for error groups (issue 4). */
export interface FrequentMessage {
  level: 'warn' | 'error'
  /** The message as recorded (cut at `maxMessageChars`). */
  text: string
  count: number
}

/** The `spyglass inspect --json` object. */
export interface SessionSummary {
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
  events: {
    /** Recounted from the events entry, not copied from the manifest. */
    total: number
    byLevel: Record<ConsoleLevel, number>
    bySource: Record<ConsoleSource, number>
    /** Events the target produced that the session does not hold (evicted before recording began). */
    dropped: number
  }
  /** The most frequent warning and error messages, most frequent first. */
  topMessages: FrequentMessage[]
  /** True when the messages were too many and varied to count exactly (counts are then lower bounds). */
  topMessagesApproximate: boolean
  /** Error groups, most frequent first. */
  errors: SessionErrorGroup[]
  /** CPU profiles in the session, each with the same rows as `spyglass profile --json`. */
  profiles: SessionProfile[]
  /** Heap snapshots (with their summaries) and the heap trend of the main thread with its leak verdict. */
  heap: SessionHeap
  /** Metric samples: peak and mean per metric of the host, each GPU and each target, and the alerts. */
  metrics: MetricsSummary
  /** Where the target paused, what logpoints printed, how many breakpoints were set. */
  debugger: DebuggerSessionSummary
  notes: Array<{ time: number; text: string }>
  /** Entry names present in the file, manifest included. */
  entries: string[]
}

export const topMessageCount = 5
/** Messages are counted by their first this many characters: a huge message is still one key. */
export const maxMessageChars = 500

/**
 * Counts messages in bounded memory by lossy counting (Manku & Motwani): every `width` items,
 * once more than `width` distinct messages are held, those too rare to matter are forgotten.
 * Exact while no more than `width` distinct messages were seen; otherwise each count is low by
 * at most total/width, and memory stays bounded by a small multiple of `width`.
 */
class FrequentMessageCounter {
  private readonly entries = new Map<string, { level: 'warn' | 'error'; text: string; count: number; error: number }>()
  private seen = 0
  private nextPrune: number
  approximate = false

  constructor(private readonly width = 10_000) {
    this.nextPrune = width
  }

  /** `times`: a row standing for consecutive repetitions counts as all of them. */
  add(level: 'warn' | 'error', text: string, times = 1): void {
    const cut = text.length > maxMessageChars ? text.slice(0, maxMessageChars) : text
    const key = `${level}\u0000${cut}`
    const bucket = Math.floor(this.seen / this.width)
    this.seen += times
    const entry = this.entries.get(key)
    if (entry) entry.count += times
    else this.entries.set(key, { level, text: cut, count: times, error: bucket })
    // Forgetting only when the map has grown keeps few-but-frequent messages exact forever.
    if (this.seen < this.nextPrune) return
    this.nextPrune = this.seen + this.width
    if (this.entries.size > this.width) {
      for (const [k, e] of this.entries) {
        if (e.count + e.error <= bucket + 1) {
          this.entries.delete(k)
          this.approximate = true
        }
      }
    }
  }

  top(n: number): FrequentMessage[] {
    return [...this.entries.values()]
      .sort((a, b) => b.count - a.count || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) || a.text.localeCompare(b.text))
      .slice(0, n)
      .map(({ level, text, count }) => ({ level, text, count }))
  }
}

function summaryTarget(t: SessionTarget): SummaryTarget {
  return {
    id: t.id,
    parentId: t.parentId,
    kind: t.kind,
    title: t.title,
    pid: t.pid,
    command: t.command,
    nodeVersion: t.nodeVersion,
    platform: t.platform,
    cwd: t.cwd,
    exit: t.exit
  }
}

/** An error group as `inspect --json` lists it. */
export interface SessionErrorGroup {
  fingerprint: string
  type: string
  code: string | null
  message: string
  count: number
  category: ErrorGroupDetail['category']
  severity: ErrorGroupDetail['severity']
  /** The catalog entry that explains it; null for errors no known pattern matches. */
  patternId: string | null
  title: string
  hint: string
  docs: string | null
  firstSeen: number
  lastSeen: number
  topFrame: StackFrame | null
  sources: ConsoleSource[]
  /** The most frequent distinct messages (at most five). */
  messages: Array<{ message: string; count: number }>
}

function sessionErrorGroup(group: ErrorGroupDetail): SessionErrorGroup {
  const { fingerprint, type, code, message, count, category, severity, patternId, title, hint, docs, firstSeen, lastSeen, topFrame, sources } = group
  return { fingerprint, type, code, message, count, category, severity, patternId, title, hint, docs, firstSeen, lastSeen, topFrame, sources, messages: group.messages.slice(0, 5) }
}

/** A CPU profile of the session as `inspect --json` lists it. */
export interface SessionProfile extends ProfileReport {
  /** The zip entry: unzip it to open the profile in DevTools or speedscope. */
  entry: string
  capturedAt: number
}

/** Top functions per profile in the summary; the whole table is one `spyglass profile` away. */
const profileFunctionRows = 50

/** Each profile is copied out of the session to a temporary file, which the profile loader streams. */
async function summarizeProfiles(source: SessionSource): Promise<SessionProfile[]> {
  const entries = source.manifest.entries.filter((e) => e.kind === 'cpuprofile' && source.entryNames.includes(e.name))
  if (entries.length === 0) return []
  const dir = await mkdtemp(path.join(os.tmpdir(), 'spyglass-inspect-'))
  try {
    const profiles: SessionProfile[] = []
    for (const entry of entries) {
      const file = path.join(dir, path.basename(entry.name))
      await pipeline(await source.openEntry(entry.name), createWriteStream(file))
      const { model } = await loadProfile(file)
      profiles.push({ entry: entry.name, capturedAt: entry.capturedAt ?? source.manifest.startedAt, ...profileReport(model, { limit: profileFunctionRows }) })
    }
    return profiles
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function summarizeSession(
  source: SessionSource,
  options: { onProgress?: (done: number, total: number) => void; errorCatalog?: ErrorCatalog } = {}
): Promise<SessionSummary> {
  const manifest = source.manifest
  const errorGroups = new ErrorGroups(options.errorCatalog ?? new ErrorCatalog(), () => manifest.target.cwd)
  const byLevel = emptyLevelCounts()
  const bySource = Object.fromEntries(consoleSources.map((s) => [s, 0])) as Record<ConsoleSource, number>
  const messages = new FrequentMessageCounter()
  let total = 0
  let lastTime = manifest.startedAt
  for await (const event of source.events({ onProgress: options.onProgress })) {
    const times = occurrencesOf(event)
    total += times
    byLevel[event.level] += times
    bySource[event.source] += times
    if (event.time > lastTime) lastTime = event.time
    if (event.level === 'warn' || event.level === 'error') messages.add(event.level, event.text, times)
    errorGroups.addEvent(event)
  }
  const notes = source.entryNames.includes(sessionEntries.notes) ? await source.readJson(sessionEntries.notes, notesSchema) : []
  const endedAt = manifest.endedAt ?? lastTime
  return {
    file: path.resolve(source.location),
    format: { name: sessionFormatName, version: manifest.formatVersion, appVersion: manifest.appVersion },
    title: manifest.title,
    target: summaryTarget(manifest.target),
    targets: manifest.targets.map(summaryTarget),
    startedAt: manifest.startedAt,
    endedAt,
    durationMs: Math.max(0, endedAt - manifest.startedAt),
    events: { total, byLevel, bySource, dropped: manifest.counts.dropped },
    topMessages: messages.top(topMessageCount),
    topMessagesApproximate: messages.approximate,
    errors: errorGroups.details().map(sessionErrorGroup),
    profiles: await summarizeProfiles(source),
    heap: await summarizeSessionHeap(source),
    metrics: await summarizeMetrics(readMetricsRecords(source)),
    debugger: await summarizeDebuggerRecords(source),
    notes,
    entries: [...source.entryNames].sort()
  }
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

function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\r?\n/g, '⏎ ')
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** The summary as lines a person reads in a terminal. */
export function formatSessionSummary(summary: SessionSummary): string[] {
  const { target, events } = summary
  const lines: string[] = []
  const label = (name: string): string => `${name}:`.padEnd(11)
  lines.push(`${summary.title || target.command} — ${summary.file}`)
  const facts = [target.pid === null ? null : `pid ${target.pid}`, target.nodeVersion ? `Node ${target.nodeVersion}` : null, target.platform, `${target.kind}`].filter(Boolean)
  lines.push(`${label('Target')}${target.command} (${facts.join(', ')})`)
  if (target.cwd) lines.push(`${label('Folder')}${target.cwd}`)
  lines.push(`${label('Exit')}${describeExit(target.exit)}`)
  const workers = summary.targets.filter((t) => t.id !== target.id)
  if (workers.length > 0) lines.push(`${label('Workers')}${workers.length} (${workers.map((w) => w.title).join(', ')})`)
  lines.push(`${label('Recorded')}${new Date(summary.startedAt).toISOString()} for ${formatDuration(summary.durationMs)}`)
  const levels = consoleLevels.map((l) => `${l} ${events.byLevel[l]}`).join(', ')
  lines.push(`${label('Events')}${events.total} (${levels})`)
  const sources = consoleSources.filter((s) => events.bySource[s] > 0).map((s) => `${s} ${events.bySource[s]}`)
  if (sources.length > 0) lines.push(`${label('Sources')}${sources.join(', ')}`)
  lines.push(`${label('Dropped')}${events.dropped === 0 ? 'none' : `${events.dropped} (evicted before the recording began)`}`)
  lines.push('')
  if (summary.errors.length > 0) {
    lines.push(`Error groups (${summary.errors.length}, most frequent first):`)
    const width = Math.max(...summary.errors.slice(0, 10).map((g) => String(g.count).length))
    for (const g of summary.errors.slice(0, 10)) {
      const where = g.topFrame ? ` at ${g.topFrame.functionName || '<anonymous>'} (${path.basename(g.topFrame.url)}:${g.topFrame.line})` : ''
      lines.push(`  ${String(g.count).padStart(width)}× ${g.severity.padEnd(8)} ${g.category.padEnd(10)} ${oneLine(`${g.type}${g.code ? ` [${g.code}]` : ''}: ${g.message}`, 90)}${where}`)
      if (g.patternId) lines.push(`  ${' '.repeat(width)}  ↳ ${oneLine(g.hint, 110)}`)
    }
    if (summary.errors.length > 10) lines.push(`  … and ${summary.errors.length - 10} more (spyglass inspect --json lists them all)`)
    lines.push('')
  }
  for (const profile of summary.profiles) {
    lines.push(`CPU profile ${profile.entry} (${formatDuration(profile.durationMs)}, ${profile.samples} samples), top functions by self time:`)
    for (const f of profile.functions.slice(0, 5)) {
      const where = f.url ? ` ${path.basename(f.url)}${f.line === null ? '' : `:${f.line}`}` : ''
      lines.push(`  ${f.selfPct.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(1).padStart(9)} ms  ${f.functionName || '(anonymous)'}${where}`)
    }
    lines.push('')
  }
  lines.push(...formatSessionHeap(summary.heap))
  lines.push(...formatMetricsSummary(summary.metrics, summary.targets))
  lines.push(...formatDebuggerSummary(summary.debugger))
  if (summary.topMessages.length === 0) {
    lines.push('Top problems: none (no warnings or errors)')
  } else {
    lines.push(`Top problems (most frequent warnings and errors${summary.topMessagesApproximate ? ', counts approximate' : ''}):`)
    const width = Math.max(...summary.topMessages.map((m) => String(m.count).length))
    for (const m of summary.topMessages) lines.push(`  ${String(m.count).padStart(width)}× ${m.level.padEnd(5)} ${oneLine(m.text)}`)
  }
  if (summary.notes.length > 0) {
    lines.push('')
    lines.push('Notes:')
    for (const note of summary.notes) lines.push(`  ${new Date(note.time).toISOString()}  ${oneLine(note.text)}`)
  }
  lines.push('')
  lines.push(`${label('Entries')}${summary.entries.join(', ')}`)
  lines.push(`${label('Format')}${summary.format.name} ${summary.format.version}, written by Spyglass ${summary.format.appVersion}`)
  return lines
}

/** The metrics part of the summary for people: a few peaks and means, and the alerts. */
function formatMetricsSummary(metrics: MetricsSummary, targets: SummaryTarget[]): string[] {
  const { samples } = metrics
  if (samples.host + samples.gpu + samples.target === 0) return []
  const lines = [`Metrics (${samples.host} host, ${samples.gpu} GPU and ${samples.target} process samples), peak / mean:`]
  const pct = (name: string, stats: Record<string, { peak: number; mean: number }>, key: string, scale = 1): string | null => {
    const s = stats[key]
    return s ? `${name} ${(s.peak * scale).toFixed(0)}% / ${(s.mean * scale).toFixed(0)}%` : null
  }
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`
  if (metrics.host) lines.push(`  host: ${[pct('CPU', metrics.host, 'cpuPct'), pct('memory', metrics.host, 'memUsedPct'), pct('disk', metrics.host, 'diskUsedPct')].filter(Boolean).join(', ')}`)
  for (const gpu of metrics.gpus) {
    const mem = gpu.metrics.memoryUsedMiB
    lines.push(`  GPU ${gpu.index} ${gpu.name}: ${[pct('utilization', gpu.metrics, 'utilizationGpuPct'), mem ? `memory ${mem.peak.toFixed(0)} / ${mem.mean.toFixed(0)} MiB` : null].filter(Boolean).join(', ')}`)
  }
  if (metrics.gpuUnavailableReason) lines.push(`  GPUs: ${metrics.gpuUnavailableReason}`)
  for (const target of metrics.targets) {
    const m = target.metrics
    const parts = [
      pct('CPU', m, 'cpuPct'),
      m.heapUsedBytes ? `heap ${mib(m.heapUsedBytes.peak)} / ${mib(m.heapUsedBytes.mean)}` : null,
      m.rssBytes ? `RSS ${mib(m.rssBytes.peak)} / ${mib(m.rssBytes.mean)}` : null,
      m.eventLoopDelayP99Ms ? `event-loop delay p99 ${m.eventLoopDelayP99Ms.peak.toFixed(1)} / ${m.eventLoopDelayP99Ms.mean.toFixed(1)} ms` : null
    ]
    const title = targets.find((t) => t.id === target.targetId)?.title ?? target.targetId
    lines.push(`  ${title}: ${parts.filter(Boolean).join(', ')}`)
  }
  lines.push(`  alerts: ${metrics.alerts.length === 0 ? 'none' : ''}`.trimEnd())
  for (const a of metrics.alerts.slice(0, 10)) {
    lines.push(`    ${new Date(a.time).toISOString()}  ${a.state.padEnd(8)} ${a.subjectLabel}: ${a.metric} ${a.value.toFixed(1)} (threshold ${a.threshold})`)
  }
  lines.push('')
  return lines
}
