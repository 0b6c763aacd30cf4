// Leak detection on a series of heap-used samples. A healthy heap is a sawtooth: it climbs as
// the program allocates and drops back at each garbage collection, so a plain regression over
// all samples sees a slope wherever the window happens to end. What rises in a leak is the floor
// the heap drops back to after each GC. This takes those post-GC minima (after each GC the target
// reported, or where the series drops) and fits them with Theil–Sen, the median of pairwise
// slopes, which a few odd minima (a GC that ran mid-burst) cannot drag.
import { formatBytes, formatSignedBytes } from '../../shared/formatBytes'
import type { HeapGcMark, HeapTrendVerdict } from '../../shared/heapApi'

export interface TrendSample {
  time: number
  usedBytes: number
}

export const trendThresholds = {
  /** Fewer post-GC minima than this say nothing either way. */
  minMinima: 5,
  /** Nor does a series shorter than this. */
  minSpanMs: 5_000,
  /** A drop smaller than this (and than `minDropShare` of the heap) is noise, not a GC. */
  minDropBytes: 64 * 1024,
  minDropShare: 0.01,
  /** Share of pairwise slopes that must be positive: a random walk sits near a half, a leak near one. */
  minRisingShare: 0.75,
  /** The fitted rise over the span must be at least this much and this share of the first floor. */
  minRiseBytes: 1024 * 1024,
  minRiseShare: 0.05
}

/**
 * The floor after each GC, as points (time, used bytes). With enough GCs reported by the target
 * (major ones), the first sample after each; otherwise the bottom of each drop in the series,
 * each lowered to the lowest floor after it: drops that minor GCs make climb between major GCs
 * even in a healthy heap, and the next major GC shows that they were not the floor.
 */
export function postGcMinima(samples: readonly TrendSample[], gcMarks: readonly Pick<HeapGcMark, 'time'>[] = []): TrendSample[] {
  const afterMarks: number[] = []
  let s = 0
  for (const mark of [...gcMarks].sort((a, b) => a.time - b.time)) {
    while (s < samples.length && samples[s].time < mark.time) s++
    if (s < samples.length && afterMarks.at(-1) !== s) afterMarks.push(s)
  }
  if (afterMarks.length >= trendThresholds.minMinima) return afterMarks.map((i) => samples[i])

  const bottoms: number[] = []
  for (let i = 1; i < samples.length; i++) {
    const previous = samples[i - 1].usedBytes
    const drop = previous - samples[i].usedBytes
    if (drop < trendThresholds.minDropBytes || drop < previous * trendThresholds.minDropShare) continue
    let bottom = i
    while (bottom + 1 < samples.length && samples[bottom + 1].usedBytes <= samples[bottom].usedBytes) bottom++
    bottoms.push(bottom)
    i = bottom
  }
  const floors = bottoms.map((i) => ({ ...samples[i] }))
  for (let k = floors.length - 2; k >= 0; k--) floors[k].usedBytes = Math.min(floors[k].usedBytes, floors[k + 1].usedBytes)
  return floors
}

/** The Theil–Sen slope (median of the slopes of all pairs) and the share of those slopes above zero. */
export function theilSen(points: ReadonlyArray<{ x: number; y: number }>): { slope: number; intercept: number; risingShare: number } {
  const slopes: number[] = []
  let rising = 0
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[j].x - points[i].x
      if (dx === 0) continue
      const slope = (points[j].y - points[i].y) / dx
      slopes.push(slope)
      if (slope > 0) rising++
    }
  }
  if (slopes.length === 0) return { slope: 0, intercept: points[0]?.y ?? 0, risingShare: 0 }
  const slope = median(slopes)
  const intercept = median(points.map((p) => p.y - slope * p.x))
  return { slope, intercept, risingShare: rising / slopes.length }
}

function median(values: number[]): number {
  values.sort((a, b) => a - b)
  const mid = values.length >> 1
  return values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2
}

/** At most this many minima enter the fit (pairs grow with the square); evenly picked over the span. */
const maxFitPoints = 400

/** The leak verdict for a series of samples (time-ordered) and the GCs reported meanwhile. */
export function heapTrend(samples: readonly TrendSample[], gcMarks: readonly Pick<HeapGcMark, 'time'>[] = []): HeapTrendVerdict {
  const spanMs = samples.length > 1 ? samples[samples.length - 1].time - samples[0].time : 0
  let minima = postGcMinima(samples, gcMarks)
  if (minima.length > maxFitPoints) minima = Array.from({ length: maxFitPoints }, (_, k) => minima[Math.round((k * (minima.length - 1)) / (maxFitPoints - 1))])
  const base = { samples: samples.length, minima: minima.length, spanMs }
  if (minima.length < trendThresholds.minMinima || spanMs < trendThresholds.minSpanMs) {
    return {
      ...base,
      slopeBytesPerSec: 0,
      riseBytes: 0,
      floorBytes: minima.length > 0 ? minima[0].usedBytes : null,
      leakSuspected: false,
      reason: `not enough to judge yet: ${minima.length} of ${trendThresholds.minMinima} GCs seen over ${(spanMs / 1000).toFixed(0)} of ${trendThresholds.minSpanMs / 1000} s`
    }
  }
  const t0 = minima[0].time
  const points = minima.map((m) => ({ x: (m.time - t0) / 1000, y: m.usedBytes }))
  const fit = theilSen(points)
  const fitSpanSec = points[points.length - 1].x
  const riseBytes = fit.slope * fitSpanSec
  const floorBytes = fit.intercept
  const risingEnough = fit.risingShare >= trendThresholds.minRisingShare
  const riseEnough = riseBytes >= trendThresholds.minRiseBytes && riseBytes >= Math.max(0, floorBytes) * trendThresholds.minRiseShare
  const leakSuspected = fit.slope > 0 && risingEnough && riseEnough
  const reason = leakSuspected
    ? `the heap after GC keeps rising: ${formatSignedBytes(fit.slope * 60)}/min over ${minima.length} GCs (${Math.round(fit.risingShare * 100)}% of pairs rising)`
    : fit.slope <= 0 || !risingEnough
      ? `the heap after GC is steady (${formatSignedBytes(fit.slope * 60)}/min over ${minima.length} GCs)`
      : `the heap after GC rose by only ${formatBytes(riseBytes)} over ${minima.length} GCs`
  return { ...base, slopeBytesPerSec: fit.slope, riseBytes, floorBytes, leakSuspected, reason }
}
