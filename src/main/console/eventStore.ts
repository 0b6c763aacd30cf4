import type { ConsoleEvent, ConsoleFilter, ConsoleStats } from '../../shared/consoleTypes'
import { matchesConsoleFilter } from '../../shared/consoleFilter'

export type NewConsoleEvent = Omit<ConsoleEvent, 'seq' | 'targetId'>

/**
 * A target's events within a byte budget: the oldest are evicted first, and every eviction is
 * counted so that the UI and the CLI can say how many were dropped (never silently).
 */
export class EventStore {
  private events: ConsoleEvent[] = []
  private sizes: number[] = []
  private head = 0
  private bytes = 0
  private dropped = 0
  private received = 0
  private nextSeq = 1

  constructor(private readonly targetId: string, private budgetBytes: () => number) {}

  add(event: NewConsoleEvent): ConsoleEvent {
    const stored: ConsoleEvent = { ...event, seq: this.nextSeq++, targetId: this.targetId }
    this.push(stored)
    return stored
  }

  /** An event from a recorded session: its sequence number is kept. */
  addRecorded(event: ConsoleEvent): void {
    this.nextSeq = Math.max(this.nextSeq, event.seq + 1)
    this.push(event.targetId === this.targetId ? event : { ...event, targetId: this.targetId })
  }

  private push(stored: ConsoleEvent): void {
    const size = estimateSize(stored)
    this.events.push(stored)
    this.sizes.push(size)
    this.bytes += size
    this.received++
    this.evict()
  }

  /** The seq of the newest event added (0 before the first). */
  get lastSeq(): number {
    return this.nextSeq - 1
  }

  get size(): number {
    return this.events.length - this.head
  }

  stats(): ConsoleStats {
    return { stored: this.size, storedBytes: this.bytes, budgetBytes: this.budgetBytes(), dropped: this.dropped, received: this.received }
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

  /** Every stored event, oldest first (exports, sessions). */
  *all(): IterableIterator<ConsoleEvent> {
    for (let i = this.head; i < this.events.length; i++) yield this.events[i]
  }

  clear(): void {
    this.events = []
    this.sizes = []
    this.head = 0
    this.bytes = 0
  }

  private evict(): void {
    const budget = this.budgetBytes()
    while (this.bytes > budget && this.size > 1) {
      this.bytes -= this.sizes[this.head]
      this.head++
      this.dropped++
    }
    // Compact once the evicted prefix is half the array, so eviction stays O(1) amortised.
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head)
      this.sizes = this.sizes.slice(this.head)
      this.head = 0
    }
  }
}

/** Roughly the memory an event holds: strings at two bytes a character plus fixed overheads. */
export function estimateSize(event: ConsoleEvent): number {
  let size = 160 + event.text.length * 2
  if (event.args) for (const arg of event.args) size += 96 + arg.text.length * 2 + (arg.objectId?.length ?? 0) * 2
  if (event.stack) for (const frame of event.stack) size += 80 + (frame.functionName.length + frame.url.length) * 2
  if (event.location) size += 80 + event.location.url.length * 2
  return size
}
