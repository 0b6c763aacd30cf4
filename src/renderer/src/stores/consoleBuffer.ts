import { consoleLevels, type ConsoleEvent, type ConsoleFilter, type ConsoleLevel } from '../../../shared/consoleTypes'
import { matchesConsoleFilter } from '../../../shared/consoleFilter'

export type LevelCounts = Record<ConsoleLevel, number>

export function zeroCounts(): LevelCounts {
  return Object.fromEntries(consoleLevels.map((l) => [l, 0])) as LevelCounts
}

function filterKey(filter: ConsoleFilter): string {
  return JSON.stringify([filter.levels ?? [], filter.text?.trim().toLowerCase() ?? '', filter.sources ?? []])
}

/**
 * One target's console events as the renderer holds them: ordered by seq without duplicates
 * (live batches and paged queries overlap), capped at `cap` events with the oldest trimmed and
 * counted, and a filtered view kept up to date incrementally so a batch costs O(batch), not O(all).
 * Arrays are mutated in place; the store bumps a version number so views know to re-read them.
 */
export class ConsoleBuffer {
  readonly events: ConsoleEvent[] = []
  /** The events that pass the current filter, in order. */
  filtered: ConsoleEvent[] = []
  /** Events trimmed client-side to stay within `cap`. */
  trimmed = 0
  counts: LevelCounts = zeroCounts()
  private filter: ConsoleFilter = {}
  private key = filterKey({})

  constructor(readonly cap: number) {}

  get lastSeq(): number {
    return this.events.length > 0 ? this.events[this.events.length - 1].seq : -Infinity
  }

  /** Adds events from a batch or a query page; returns whether anything changed. */
  add(incoming: readonly ConsoleEvent[]): boolean {
    if (incoming.length === 0) return false
    let ordered = true
    for (let i = 1; i < incoming.length && ordered; i++) ordered = incoming[i].seq > incoming[i - 1].seq
    if (ordered && incoming[0].seq > this.lastSeq) {
      for (const event of incoming) {
        this.events.push(event)
        this.counts[event.level]++
        if (this.matches(event)) this.filtered.push(event)
      }
    } else {
      const sorted = ordered ? incoming : [...incoming].sort((a, b) => a.seq - b.seq)
      const before = this.events.length
      const merged = mergeBySeq(this.events, sorted)
      if (merged.length === before) return false
      this.events.length = 0
      for (const event of merged) this.events.push(event)
      this.recount()
      this.refilter()
    }
    this.trim()
    return true
  }

  setFilter(filter: ConsoleFilter): boolean {
    const key = filterKey(filter)
    if (key === this.key) return false
    this.filter = filter
    this.key = key
    this.refilter()
    return true
  }

  clear(): void {
    this.events.length = 0
    this.filtered = []
    this.counts = zeroCounts()
    this.trimmed = 0
  }

  private matches(event: ConsoleEvent): boolean {
    return matchesConsoleFilter(event, this.filter)
  }

  private trim(): void {
    const excess = this.events.length - this.cap
    if (excess <= 0) return
    const removed = this.events.splice(0, excess)
    for (const event of removed) this.counts[event.level]--
    this.trimmed += excess
    const lastRemoved = removed[removed.length - 1].seq
    let cut = 0
    while (cut < this.filtered.length && this.filtered[cut].seq <= lastRemoved) cut++
    if (cut > 0) this.filtered.splice(0, cut)
  }

  private recount(): void {
    this.counts = zeroCounts()
    for (const event of this.events) this.counts[event.level]++
  }

  private refilter(): void {
    this.filtered = this.events.filter((e) => this.matches(e))
  }
}

/** Linear merge of two seq-ordered lists, keeping the first copy of a seq. */
export function mergeBySeq(a: readonly ConsoleEvent[], b: readonly ConsoleEvent[]): ConsoleEvent[] {
  const out: ConsoleEvent[] = []
  let i = 0
  let j = 0
  let last = -Infinity
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i].seq <= b[j].seq) ? a[i++] : b[j++]
    if (next.seq === last) continue
    out.push(next)
    last = next.seq
  }
  return out
}
