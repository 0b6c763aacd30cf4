// Error groups of one process (its main thread and workers): counts, first/last seen, a rate on
// a shared timeline, a few samples with full stacks and the distinct messages. Pure, so that the
// live service, opened sessions and `spyglass inspect` all group the same way.
import { occurrencesOf, type ConsoleEvent } from '../../shared/consoleTypes'
import {
  errorSeverities,
  type ErrorGroupDetail,
  type ErrorGroupFilter,
  type ErrorGroupSummary,
  type ErrorRateSeries,
  type ErrorSeverity,
  type ErrorSort
} from '../../shared/errorTypes'
import type { ErrorCatalog } from './errorCatalog'
import { errorOccurrenceOf, type ErrorOccurrence } from './errorOccurrence'
import { fingerprintOf, groupingFrames, type Fingerprint } from './fingerprint'

/** Frames that enter the memo key: enough that any frame the fingerprint could use is in it. */
const memoFrames = 12
const memoSize = 10_000

export const groupLimits = {
  firstSamples: 3,
  lastSamples: 2,
  distinctMessages: 50,
  /** The timeline doubles its bucket size rather than grow past this many buckets. */
  maxBuckets: 240,
  initialBucketMs: 1000,
  /** A fatal error arrives twice (inspector and stderr report): the second within this window is the same one. */
  echoWindowMs: 2000
}

interface Group {
  summary: ErrorGroupSummary
  basis: string
  firstSamples: ConsoleEvent[]
  lastSamples: ConsoleEvent[]
  messages: Map<string, number>
  otherMessages: number
  sources: Set<ConsoleEvent['source']>
  targetIds: Set<string>
}

const severityRank: Record<ErrorSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3 }

export class ErrorGroups {
  private readonly groups = new Map<string, Group>()
  private start: number | null = null
  private bucketMs = groupLimits.initialBucketMs
  private occurrences = 0
  /** Recent inspector-reported errors by `type: message`, to drop stderr's copy of the same crash. */
  private readonly recentReported = new Map<string, number>()
  private readonly memo = new Map<string, Fingerprint>()

  constructor(
    private readonly catalog: ErrorCatalog,
    private readonly projectRoot: () => string | null
  ) {}

  get size(): number {
    return this.groups.size
  }
  get total(): number {
    return this.occurrences
  }

  /** Adds a console event if it is an error; returns whether it was one (and counted). */
  addEvent(event: ConsoleEvent): boolean {
    const occurrence = errorOccurrenceOf(event)
    if (!occurrence) return false
    return this.add(occurrence)
  }

  add(occurrence: ErrorOccurrence): boolean {
    const key = `${occurrence.type}: ${occurrence.message}`
    if (occurrence.event.source === 'stderr') {
      const reported = this.recentReported.get(key)
      if (reported !== undefined && Math.abs(occurrence.time - reported) <= groupLimits.echoWindowMs) return false
    } else if (occurrence.event.source === 'exception') {
      this.recentReported.set(key, occurrence.time)
      if (this.recentReported.size > 256) this.recentReported.delete(this.recentReported.keys().next().value!)
    }
    this.occurrences += occurrencesOf(occurrence.event)
    const fingerprint = this.fingerprint(occurrence)
    let group = this.groups.get(fingerprint.id)
    if (!group) {
      group = this.createGroup(fingerprint.id, fingerprint.basis, occurrence)
      this.groups.set(fingerprint.id, group)
    }
    this.count(group, occurrence, occurrencesOf(occurrence.event))
    return true
  }

  list(filter: ErrorGroupFilter, sort: ErrorSort, offset: number, limit: number): { total: number; groups: ErrorGroupSummary[] } {
    const text = filter.text?.trim().toLowerCase()
    const matching = [...this.groups.values()].filter((g) => {
      const s = g.summary
      if (filter.categories?.length && !filter.categories.includes(s.category)) return false
      if (filter.severities?.length && !filter.severities.includes(s.severity)) return false
      if (text) {
        const haystack = `${s.type} ${s.code ?? ''} ${s.message} ${s.title} ${s.topFrame?.functionName ?? ''} ${s.topFrame?.url ?? ''}`.toLowerCase()
        if (!haystack.includes(text)) return false
      }
      return true
    })
    const order: Record<ErrorSort, (a: Group, b: Group) => number> = {
      count: (a, b) => b.summary.count - a.summary.count || b.summary.lastSeen - a.summary.lastSeen,
      recent: (a, b) => b.summary.lastSeen - a.summary.lastSeen,
      severity: (a, b) => severityRank[a.summary.severity] - severityRank[b.summary.severity] || b.summary.count - a.summary.count
    }
    matching.sort(order[sort])
    return { total: matching.length, groups: matching.slice(offset, offset + limit).map((g) => this.summaryOf(g)) }
  }

  detail(fingerprint: string): ErrorGroupDetail | null {
    const group = this.groups.get(fingerprint)
    if (!group) return null
    const messages = [...group.messages].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count)
    return {
      ...this.summaryOf(group),
      basis: group.basis,
      samples: [...group.firstSamples, ...group.lastSamples],
      messages,
      otherMessages: group.otherMessages
    }
  }

  /** Every group in detail (sessions keep them as a summary entry). */
  details(): ErrorGroupDetail[] {
    return this.list({}, 'count', 0, this.groups.size).groups.map((g) => this.detail(g.fingerprint)!)
  }

  rate(): ErrorRateSeries {
    const length = Math.max(0, ...[...this.groups.values()].map((g) => g.summary.rate.length))
    const counts = Object.fromEntries(errorSeverities.map((s) => [s, new Array<number>(length).fill(0)])) as Record<ErrorSeverity, number[]>
    for (const group of this.groups.values()) {
      const series = counts[group.summary.severity]
      group.summary.rate.forEach((n, i) => (series[i] += n))
    }
    return { start: this.start ?? 0, bucketMs: this.bucketMs, counts }
  }

  /**
   * Fingerprints are memoised by the raw inputs that decide them (type, top frames, and the
   * message only where the fingerprint uses it): a storm of one error costs one hash.
   */
  private fingerprint(occurrence: ErrorOccurrence): Fingerprint {
    const stack = occurrence.stack
    let key = occurrence.type
    if (stack && stack.length > 0) {
      for (let i = 0; i < Math.min(stack.length, memoFrames); i++) key += `\u0000${stack[i].functionName}@${stack[i].url}`
      if (!stack[0].functionName || groupingFrames(stack)[0]?.functionName === '') key += `\u0001${occurrence.message}`
    } else {
      key += `\u0001${occurrence.message}`
    }
    let fingerprint = this.memo.get(key)
    if (!fingerprint) {
      fingerprint = fingerprintOf(occurrence, this.projectRoot())
      if (this.memo.size >= memoSize) this.memo.clear()
      this.memo.set(key, fingerprint)
    }
    return fingerprint
  }

  private createGroup(id: string, basis: string, occurrence: ErrorOccurrence): Group {
    const frames = groupingFrames(occurrence.stack)
    const explanation = this.catalog.explain(occurrence)
    return {
      summary: {
        ...explanation,
        fingerprint: id,
        type: occurrence.type,
        code: occurrence.code,
        message: occurrence.message,
        count: 0,
        firstSeen: occurrence.time,
        lastSeen: occurrence.time,
        topFrame: frames[0] ?? occurrence.stack?.[0] ?? occurrence.event.location ?? null,
        sources: [],
        rate: [],
        bucketMs: this.bucketMs,
        targetIds: []
      },
      basis,
      firstSamples: [],
      lastSamples: [],
      messages: new Map(),
      otherMessages: 0,
      sources: new Set(),
      targetIds: new Set()
    }
  }

  private count(group: Group, occurrence: ErrorOccurrence, times: number): void {
    const s = group.summary
    s.count += times
    s.firstSeen = Math.min(s.firstSeen, occurrence.time)
    if (occurrence.time >= s.lastSeen) {
      s.lastSeen = occurrence.time
      s.message = occurrence.message
    }
    group.sources.add(occurrence.event.source)
    group.targetIds.add(occurrence.event.targetId)
    if (group.firstSamples.length < groupLimits.firstSamples) group.firstSamples.push(occurrence.event)
    else {
      group.lastSamples.push(occurrence.event)
      if (group.lastSamples.length > groupLimits.lastSamples) group.lastSamples.shift()
    }
    const seen = group.messages.get(occurrence.message)
    if (seen !== undefined) group.messages.set(occurrence.message, seen + times)
    else if (group.messages.size < groupLimits.distinctMessages) group.messages.set(occurrence.message, times)
    else group.otherMessages += times
    this.addToTimeline(group, occurrence.time, times)
  }

  private addToTimeline(group: Group, time: number, times: number): void {
    if (this.start === null || time < this.start) {
      // Events come in time order; an earlier one (a worker's clock, a late batch) goes in the first bucket.
      this.start ??= time
    }
    let index = Math.max(0, Math.floor((time - this.start) / this.bucketMs))
    while (index >= groupLimits.maxBuckets) {
      this.coarsen()
      index = Math.floor((time - this.start) / this.bucketMs)
    }
    const rate = group.summary.rate
    while (rate.length <= index) rate.push(0)
    rate[index] += times
  }

  /** Doubles the bucket size and merges neighbouring buckets of every group. */
  private coarsen(): void {
    this.bucketMs *= 2
    for (const group of this.groups.values()) {
      const old = group.summary.rate
      const merged: number[] = []
      for (let i = 0; i < old.length; i += 2) merged.push(old[i] + (old[i + 1] ?? 0))
      group.summary.rate = merged
      group.summary.bucketMs = this.bucketMs
    }
  }

  private summaryOf(group: Group): ErrorGroupSummary {
    return { ...group.summary, bucketMs: this.bucketMs, rate: [...group.summary.rate], sources: [...group.sources], targetIds: [...group.targetIds] }
  }
}
