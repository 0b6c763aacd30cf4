import type { ConsoleEvent, ConsoleFilter, ConsoleLevel, ConsoleStats, RemoteValue } from '../../shared/consoleTypes'
import { matchesConsoleFilter } from '../../shared/consoleFilter'

export type NewConsoleEvent = Omit<ConsoleEvent, 'seq' | 'targetId'>

/** What storage keeps of one event: long texts and deep stacks are cut, and say so. */
export const storageLimits = { textChars: 500, stackFrames: 20 }

/**
 * What became of an event: a new row, a repetition folded into the row before it, or nothing
 * (its level is sampled). `event` is what was captured, with its own seq, for listeners that
 * want every occurrence (recordings, error groups).
 */
export type StoreResult =
  | { kind: 'added'; event: ConsoleEvent }
  | { kind: 'repeated'; event: ConsoleEvent; row: ConsoleEvent }
  | { kind: 'sampled' }

export interface EventStoreOptions {
  budgetBytes: () => number
  /** Share of each level to keep (1 = all). */
  sampling?: () => Record<ConsoleLevel, number>
}

/**
 * A target's events within a byte budget: the oldest are evicted first, and every eviction is
 * counted so that the UI and the CLI can say how many were dropped (never silently). Texts over
 * 500 characters and stacks over 20 frames are trimmed (marked), consecutive duplicates become
 * one row with a repeat count, and levels can be sampled.
 */
export class EventStore {
  private events: ConsoleEvent[] = []
  private sizes: number[] = []
  private head = 0
  private bytes = 0
  private dropped = 0
  private received = 0
  private sampledOut = 0
  private collapsed = 0
  private nextSeq = 1
  private readonly seenByLevel: Record<ConsoleLevel, number> = { debug: 0, log: 0, info: 0, warn: 0, error: 0 }

  constructor(
    private readonly targetId: string,
    private readonly options: EventStoreOptions
  ) {}

  add(event: NewConsoleEvent): StoreResult {
    this.received++
    if (!this.keeps(event.level)) {
      this.sampledOut++
      return { kind: 'sampled' }
    }
    const captured = trimForStorage({ ...event, seq: this.nextSeq++, targetId: this.targetId })
    const row = this.repeatTarget(captured)
    if (row) return { kind: 'repeated', event: captured, row: this.repeat(row, captured.time, 1) }
    this.push(captured)
    return { kind: 'added', event: captured }
  }

  /** An event from a recorded session: its sequence number is kept; duplicates fold as live ones do. */
  addRecorded(event: ConsoleEvent): void {
    this.nextSeq = Math.max(this.nextSeq, event.seq + 1)
    this.received += event.repeat ?? 1
    const stored = event.targetId === this.targetId ? event : { ...event, targetId: this.targetId }
    const row = this.repeatTarget(stored)
    if (row) this.repeat(row, stored.lastTime ?? stored.time, stored.repeat ?? 1)
    else this.push(stored)
  }

  /** The seq of the newest event added (0 before the first). */
  get lastSeq(): number {
    return this.nextSeq - 1
  }

  get size(): number {
    return this.events.length - this.head
  }

  stats(): ConsoleStats {
    return {
      stored: this.size,
      storedBytes: this.bytes,
      budgetBytes: this.options.budgetBytes(),
      dropped: this.dropped,
      received: this.received,
      sampledOut: this.sampledOut,
      collapsed: this.collapsed
    }
  }

  /** A window of the events that pass the filter, oldest first. */
  query(filter: ConsoleFilter, offset: number, limit: number): { total: number; events: ConsoleEvent[] } {
    const unfiltered = !filter.text?.trim() && !filter.levels?.length && !filter.sources?.length
    if (unfiltered) {
      const start = this.head + offset
      return { total: this.size, events: this.events.slice(start, Math.min(start + limit, this.events.length)) }
    }
    const page: ConsoleEvent[] = []
    let total = 0
    for (let i = this.head; i < this.events.length; i++) {
      const event = this.events[i]
      if (!matchesConsoleFilter(event, filter)) continue
      if (total >= offset && page.length < limit) page.push(event)
      total++
    }
    return { total, events: page }
  }

  /** Every stored row, oldest first (exports, sessions); a row may stand for several occurrences. */
  *all(): IterableIterator<ConsoleEvent> {
    for (let i = this.head; i < this.events.length; i++) yield this.events[i]
  }

  clear(): void {
    this.events = []
    this.sizes = []
    this.head = 0
    this.bytes = 0
  }

  /** Deterministic sampling: of every n events of a level, the share asked for is kept, evenly spread. */
  private keeps(level: ConsoleLevel): boolean {
    const rate = this.options.sampling?.()[level] ?? 1
    if (rate >= 1) return true
    const seen = ++this.seenByLevel[level]
    return Math.floor(seen * rate) > Math.floor((seen - 1) * rate)
  }

  /** The newest row, when `event` repeats it exactly. */
  private repeatTarget(event: ConsoleEvent): ConsoleEvent | null {
    if (this.size === 0) return null
    const last = this.events[this.events.length - 1]
    return sameOccurrence(last, event) ? last : null
  }

  /** Rows are replaced, not mutated: a row already handed out (a batch, a query page) stays as it was. */
  private repeat(row: ConsoleEvent, time: number, times: number): ConsoleEvent {
    const updated: ConsoleEvent = { ...row, repeat: (row.repeat ?? 1) + times, lastTime: Math.max(time, row.lastTime ?? row.time) }
    this.events[this.events.length - 1] = updated
    this.collapsed += times
    return updated
  }

  /** The current version of the newest row (after repetitions). */
  lastRow(): ConsoleEvent | null {
    return this.size > 0 ? this.events[this.events.length - 1] : null
  }

  private push(stored: ConsoleEvent): void {
    const size = estimateSize(stored)
    this.events.push(stored)
    this.sizes.push(size)
    this.bytes += size
    this.evict()
  }

  private evict(): void {
    const budget = this.options.budgetBytes()
    while (this.bytes > budget && this.size > 1) {
      this.bytes -= this.sizes[this.head]
      this.dropped += this.events[this.head].repeat ?? 1
      this.head++
    }
    // Compact once the evicted prefix is half the array, so eviction stays O(1) amortised.
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head)
      this.sizes = this.sizes.slice(this.head)
      this.head = 0
    }
  }
}

function sameFrame(a: ConsoleEvent['location'], b: ConsoleEvent['location']): boolean {
  if (!a || !b) return a === b
  return a.url === b.url && a.line === b.line && a.column === b.column && a.functionName === b.functionName
}

function sameArgs(a: RemoteValue[] | undefined, b: RemoteValue[] | undefined): boolean {
  if (!a || !b) return a === b
  return a.length === b.length && a.every((value, i) => value.text === b[i].text && value.type === b[i].type)
}

/** Same message from the same place: what a console shows as one row with a count. */
export function sameOccurrence(a: ConsoleEvent, b: ConsoleEvent): boolean {
  return (
    a.level === b.level &&
    a.source === b.source &&
    a.method === b.method &&
    a.text === b.text &&
    sameFrame(a.location, b.location) &&
    sameArgs(a.args, b.args) &&
    (a.stack?.length ?? 0) === (b.stack?.length ?? 0) &&
    sameFrame(a.stack?.[0], b.stack?.[0])
  )
}

function cut(text: string): string {
  return text.length > storageLimits.textChars ? `${text.slice(0, storageLimits.textChars)}…` : text
}

/** Capture already clipped very long strings (remoteValue.ts), saying by how much: the original length. */
function originalLength(text: string): number {
  const clipped = /… \((\d+) more characters\)/.exec(text)
  return clipped ? text.length - clipped[0].length + Number(clipped[1]) : text.length
}

/** Long texts and deep stacks are cut for storage; `trimmed` records what they were. */
export function trimForStorage(event: ConsoleEvent): ConsoleEvent {
  const longText = event.text.length > storageLimits.textChars
  const longArg = event.args?.some((a) => a.text.length > storageLimits.textChars) ?? false
  const deepStack = (event.stack?.length ?? 0) > storageLimits.stackFrames
  if (!longText && !longArg && !deepStack) return event
  const trimmed: NonNullable<ConsoleEvent['trimmed']> = {}
  const result: ConsoleEvent = { ...event }
  if (longText) {
    trimmed.text = originalLength(event.text)
    result.text = cut(event.text)
  }
  if (longArg) {
    trimmed.text ??= originalLength(event.text)
    result.args = event.args!.map((a) => (a.text.length > storageLimits.textChars ? { ...a, text: cut(a.text) } : a))
  }
  if (deepStack) {
    trimmed.stack = event.stack!.length
    result.stack = event.stack!.slice(0, storageLimits.stackFrames)
  }
  result.trimmed = trimmed
  return result
}

/** Roughly the memory an event holds: strings at two bytes a character plus fixed overheads. */
export function estimateSize(event: ConsoleEvent): number {
  let size = 160 + event.text.length * 2
  if (event.args) for (const arg of event.args) size += 96 + arg.text.length * 2 + (arg.objectId?.length ?? 0) * 2
  if (event.stack) for (const frame of event.stack) size += 80 + (frame.functionName.length + frame.url.length) * 2
  if (event.location) size += 80 + event.location.url.length * 2
  return size
}
