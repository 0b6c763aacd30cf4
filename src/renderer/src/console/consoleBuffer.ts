import { consoleLevels, occurrencesOf, type ConsoleEvent, type ConsoleFilter, type ConsoleLevel, type ConsoleRowUpdate } from '../../../shared/consoleTypes'
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
 * (live batches and paged queries overlap), capped at `cap` rows with the oldest trimmed and
 * counted, and a filtered view kept up to date incrementally so a batch costs O(batch), not O(all).
 * A row may stand for several occurrences (`repeat`); level counts count occurrences.
 * Arrays are mutated in place, but a row that changes is replaced by a new object, so memoized
 * row components see the change; the store bumps a version number so views re-read the arrays.
 */
export class ConsoleBuffer {
  readonly events: ConsoleEvent[] = []
  /** The events that pass the current filter, in order. */
  filtered: ConsoleEvent[] = []
  /** Rows trimmed client-side to stay within `cap`. */
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
        this.counts[event.level] += occurrencesOf(event)
        if (this.matches(event)) this.filtered.push(event)
      }
    } else {
      const sorted = ordered ? incoming : [...incoming].sort((a, b) => a.seq - b.seq)
      const merged = mergeBySeq(this.events, sorted)
      if (merged.length === this.events.length && merged.every((e, i) => e === this.events[i])) return false
      this.events.length = 0
      for (const event of merged) this.events.push(event)
      this.recount()
      this.refilter()
    }
    this.trim()
    return true
  }

  /**
   * Applies repetitions of rows sent earlier; returns whether anything changed. An update for a
   * row this buffer does not hold (trimmed, cleared, or not loaded yet) is ignored: a query that
   * loads the row later returns it with its repetitions. Stale updates (fewer repeats than the
   * row already has, as after a fresher query page) are ignored too.
   */
  applyUpdates(updates: readonly ConsoleRowUpdate[]): boolean {
    let changed = false
    for (const update of updates) {
      const i = indexOfSeq(this.events, update.seq)
      if (i < 0) continue
      const row = this.events[i]
      if (update.repeat <= occurrencesOf(row)) continue
      const next: ConsoleEvent = { ...row, repeat: update.repeat, lastTime: update.lastTime }
      this.events[i] = next
      this.counts[row.level] += update.repeat - occurrencesOf(row)
      const j = indexOfSeq(this.filtered, update.seq)
      if (j >= 0) this.filtered[j] = next
      changed = true
    }
    return changed
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
    for (const event of removed) this.counts[event.level] -= occurrencesOf(event)
    this.trimmed += excess
    const lastRemoved = removed[removed.length - 1].seq
    let cut = 0
    while (cut < this.filtered.length && this.filtered[cut].seq <= lastRemoved) cut++
    if (cut > 0) this.filtered.splice(0, cut)
  }

  private recount(): void {
    this.counts = zeroCounts()
    for (const event of this.events) this.counts[event.level] += occurrencesOf(event)
  }

  private refilter(): void {
    this.filtered = this.events.filter((e) => this.matches(e))
  }
}

/** Index of the row with this seq in a seq-ordered list, or -1. */
export function indexOfSeq(list: readonly ConsoleEvent[], seq: number): number {
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const at = list[mid].seq
    if (at === seq) return mid
    if (at < seq) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/**
 * Linear merge of two seq-ordered lists, keeping one copy of a seq: the first, unless a later
 * copy has more repetitions (a query page read after the live batch that first brought the row).
 */
export function mergeBySeq(a: readonly ConsoleEvent[], b: readonly ConsoleEvent[]): ConsoleEvent[] {
  const out: ConsoleEvent[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i].seq <= b[j].seq) ? a[i++] : b[j++]
    const last = out.length > 0 ? out[out.length - 1] : undefined
    if (last && last.seq === next.seq) {
      if (occurrencesOf(next) > occurrencesOf(last)) out[out.length - 1] = next
      continue
    }
    out.push(next)
  }
  return out
}
