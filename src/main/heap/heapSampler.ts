// Samples the V8 heap of every attached target (workers included: each has its own heap) at a
// fixed interval while it is attached, with the GCs the target reports, into a bounded series
// per target. Listeners get each new sample and mark (the session recorder, the view's ticks).
import type { HeapGcMark, HeapTrendSeries } from '../../shared/heapApi'
import type { CdpClient, TargetManager } from '../targets'
import { tryObserveGc } from './gcObserver'
import { HeapSeries, type HeapSample } from './heapSeries'
import { heapTrend } from './heapTrend'

/** What a sampler announces: a sample or GC marks of one target. */
export type HeapRecord = ({ type: 'sample' } & HeapSample & { targetId: string }) | ({ type: 'gc' } & HeapGcMark & { targetId: string })

export interface HeapSamplerOptions {
  targets: TargetManager
  intervalMs: () => number
  /** Samples kept per target (an hour at the default interval). */
  capacity?: number
}

/** GC marks returned per trend request at most (the most recent). */
const maxMarksReturned = 1000

export class HeapSampler {
  private readonly series = new Map<string, HeapSeries>()
  private readonly loops = new Map<string, { stop(): void }>()
  private readonly listeners = new Set<(records: HeapRecord[]) => void>()
  private readonly unsubscribe: Array<() => void> = []

  constructor(private readonly options: HeapSamplerOptions) {
    this.unsubscribe.push(
      options.targets.onConnection((connection) => this.follow(connection.targetId, connection.cdp)),
      options.targets.onRemoved((targetId) => {
        this.loops.get(targetId)?.stop()
        this.loops.delete(targetId)
        this.series.delete(targetId)
      })
    )
  }

  onRecords(listener: (records: HeapRecord[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  has(targetId: string): boolean {
    return this.series.has(targetId)
  }

  /** Everything held for a target, for a recording that starts now. */
  recordsOf(targetId: string): HeapRecord[] {
    const series = this.series.get(targetId)
    if (!series) return []
    return [
      ...series.samples().map((s): HeapRecord => ({ type: 'sample', targetId, ...s })),
      ...series.gcMarks().map((m): HeapRecord => ({ type: 'gc', targetId, ...m }))
    ]
  }

  /**
   * The heap of a recorded target (an opened session), read-only: no sampling. Past the capacity
   * it is thinned to the lowest and highest sample of each stretch, which keeps the floors the
   * leak verdict reads and the peaks the chart shows.
   */
  loadRecorded(targetId: string, samples: readonly HeapSample[], marks: readonly HeapGcMark[]): void {
    const capacity = this.options.capacity ?? 3600
    const series = new HeapSeries(capacity)
    for (const sample of thinSamples(samples, capacity)) series.push(sample)
    series.addMarks(marks)
    this.series.set(targetId, series)
  }

  /** A GC Spyglass forced (before a snapshot): a mark of its own, and a sample right after. */
  addForcedGc(targetId: string, time: number, durationMs: number, usedBytes: number, totalBytes: number | null): void {
    const series = this.series.get(targetId)
    if (!series) return
    const mark: HeapGcMark = { time, kind: 'forced', durationMs }
    series.addMarks([mark])
    const records: HeapRecord[] = [{ type: 'gc', targetId, ...mark }]
    if (totalBytes !== null) {
      const sample = { time: time + durationMs, usedBytes, totalBytes }
      series.push(sample)
      records.push({ type: 'sample', targetId, ...sample })
    }
    this.announce(records)
  }

  trend(targetId: string, since?: number): HeapTrendSeries {
    const series = this.series.get(targetId)
    const samples = series?.samples(since) ?? []
    const marks = (series?.gcMarks() ?? []).slice(-maxMarksReturned)
    return {
      targetId,
      intervalMs: this.options.intervalMs(),
      time: samples.map((s) => s.time),
      usedBytes: samples.map((s) => s.usedBytes),
      totalBytes: samples.map((s) => s.totalBytes),
      gcTime: marks.map((m) => m.time),
      gcKind: marks.map((m) => m.kind),
      gcDurationMs: marks.map((m) => m.durationMs),
      verdict: heapTrend(series?.trendSamples() ?? [], (series?.gcMarks() ?? []).filter((m) => m.kind !== 'forced'))
    }
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off()
    for (const loop of this.loops.values()) loop.stop()
    this.loops.clear()
  }

  private follow(targetId: string, cdp: CdpClient): void {
    this.loops.get(targetId)?.stop()
    let series = this.series.get(targetId)
    if (!series) this.series.set(targetId, (series = new HeapSeries(this.options.capacity ?? 3600)))
    const target = series
    let stopped = false
    let timer: NodeJS.Timeout | null = null
    let gc: { stop(): void } | null = null
    let observing = false
    let answered = 0

    const tick = async (): Promise<void> => {
      timer = null
      const usage = await cdp.trySend('Runtime.getHeapUsage')
      if (stopped) return
      if (usage) {
        const sample = { time: Date.now(), usedBytes: usage.usedSize, totalBytes: usage.totalSize }
        target.push(sample)
        this.announce([{ type: 'sample', targetId, ...sample }])
        // Installed once the target has answered twice, an interval apart: not while a launched
        // program is still held at its first line, where evaluating is slow.
        if (!observing && ++answered >= 2) {
          observing = true
          void tryObserveGc(cdp, (marks) => {
            target.addMarks(marks)
            this.announce(marks.map((m): HeapRecord => ({ type: 'gc', targetId, ...m })))
          }).then((handle) => {
            if (stopped) handle.stop()
            else gc = handle
          })
        }
      }
      // Chained rather than on an interval: a slow or paused target never piles up requests.
      if (!stopped && !cdp.closed) timer = setTimeout(() => void tick(), this.options.intervalMs()).unref()
    }
    const loop = {
      stop: () => {
        stopped = true
        if (timer) clearTimeout(timer)
        gc?.stop()
      }
    }
    this.loops.set(targetId, loop)
    cdp.onClose(() => {
      loop.stop()
      if (this.loops.get(targetId) === loop) this.loops.delete(targetId)
    })
    void tick()
  }

  private announce(records: HeapRecord[]): void {
    if (records.length === 0) return
    for (const listener of this.listeners) listener(records)
  }
}

/** At most `max` samples: each stretch of the series kept as its lowest and highest sample, in time order. */
export function thinSamples(samples: readonly HeapSample[], max: number): HeapSample[] {
  if (samples.length <= max) return [...samples]
  const stretch = Math.ceil(samples.length / Math.floor(max / 2))
  const out: HeapSample[] = []
  for (let start = 0; start < samples.length; start += stretch) {
    let low = start
    let high = start
    for (let i = start + 1; i < Math.min(samples.length, start + stretch); i++) {
      if (samples[i].usedBytes < samples[low].usedBytes) low = i
      if (samples[i].usedBytes > samples[high].usedBytes) high = i
    }
    out.push(samples[Math.min(low, high)])
    if (low !== high) out.push(samples[Math.max(low, high)])
  }
  return out
}
