// One target's heap over time, in bounded memory: a ring of samples (time, used, total) in typed
// arrays and a ring of GC marks. The oldest are overwritten once full.
import type { HeapGcMark } from '../../shared/heapApi'
import type { TrendSample } from './heapTrend'

export interface HeapSample {
  time: number
  usedBytes: number
  totalBytes: number
}

export class HeapSeries {
  private readonly time: Float64Array
  private readonly used: Float64Array
  private readonly total: Float64Array
  private start = 0
  private size = 0
  private marks: HeapGcMark[] = []

  constructor(
    readonly capacity: number,
    private readonly markCapacity = 4096
  ) {
    this.time = new Float64Array(capacity)
    this.used = new Float64Array(capacity)
    this.total = new Float64Array(capacity)
  }

  get length(): number {
    return this.size
  }

  get lastTime(): number | null {
    return this.size === 0 ? null : this.time[(this.start + this.size - 1) % this.capacity]
  }

  push(sample: HeapSample): void {
    const at = (this.start + this.size) % this.capacity
    this.time[at] = sample.time
    this.used[at] = sample.usedBytes
    this.total[at] = sample.totalBytes
    if (this.size < this.capacity) this.size++
    else this.start = (this.start + 1) % this.capacity
  }

  addMarks(marks: readonly HeapGcMark[]): void {
    if (marks.length === 0) return
    this.marks.push(...marks)
    this.marks.sort((a, b) => a.time - b.time)
    if (this.marks.length > this.markCapacity) this.marks = this.marks.slice(this.marks.length - this.markCapacity)
  }

  /** Samples after `since` (all without it), oldest first. */
  samples(since = Number.NEGATIVE_INFINITY): HeapSample[] {
    const out: HeapSample[] = []
    for (let k = 0; k < this.size; k++) {
      const i = (this.start + k) % this.capacity
      if (this.time[i] > since) out.push({ time: this.time[i], usedBytes: this.used[i], totalBytes: this.total[i] })
    }
    return out
  }

  /** GC marks after `since`, within the time the samples still cover. */
  gcMarks(since = Number.NEGATIVE_INFINITY): HeapGcMark[] {
    const first = this.size === 0 ? Number.POSITIVE_INFINITY : this.time[this.start]
    const from = Math.max(since, first - 1)
    return this.marks.filter((m) => m.time > from)
  }

  trendSamples(): TrendSample[] {
    return this.samples()
  }
}
