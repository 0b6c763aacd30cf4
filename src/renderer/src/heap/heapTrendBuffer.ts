// The heap trend the Memory view charts: samples appended as the engine announces them (only
// what is new is fetched), bounded like the engine's own series; GC marks and the verdict are
// replaced with each answer (the engine judges the whole series it holds).
import type { HeapGcMark, HeapTrendSeries, HeapTrendVerdict } from '../../../shared/heapApi'

export interface HeapTrendData {
  targetId: string
  time: number[]
  usedBytes: number[]
  totalBytes: number[]
  gcMarks: HeapGcMark[]
  verdict: HeapTrendVerdict | null
}

/** As many samples as the engine keeps per target (an hour at one a second). */
export const trendCapacity = 3600

export function emptyTrend(targetId: string): HeapTrendData {
  return { targetId, time: [], usedBytes: [], totalBytes: [], gcMarks: [], verdict: null }
}

/** The trend with an answer of `heap.trend` merged in: later samples appended, the oldest dropped past the capacity. */
export function mergeTrend(current: HeapTrendData, answer: HeapTrendSeries, capacity = trendCapacity): HeapTrendData {
  const base = current.targetId === answer.targetId ? current : emptyTrend(answer.targetId)
  const last = base.time.length > 0 ? base.time[base.time.length - 1] : Number.NEGATIVE_INFINITY
  // An answer may overlap what is held (two fetches raced): only later samples are taken.
  let from = 0
  while (from < answer.time.length && answer.time[from] <= last) from++
  const time = base.time.concat(answer.time.slice(from))
  const usedBytes = base.usedBytes.concat(answer.usedBytes.slice(from))
  const totalBytes = base.totalBytes.concat(answer.totalBytes.slice(from))
  const drop = Math.max(0, time.length - capacity)
  return {
    targetId: answer.targetId,
    time: drop > 0 ? time.slice(drop) : time,
    usedBytes: drop > 0 ? usedBytes.slice(drop) : usedBytes,
    totalBytes: drop > 0 ? totalBytes.slice(drop) : totalBytes,
    gcMarks: answer.gcTime.map((t, i) => ({ time: t, kind: answer.gcKind[i], durationMs: answer.gcDurationMs[i] })),
    verdict: answer.verdict
  }
}

/** The time of the last sample held: what to ask the engine for samples after. */
export function trendSince(trend: HeapTrendData | null, targetId: string): number | undefined {
  if (!trend || trend.targetId !== targetId || trend.time.length === 0) return undefined
  return trend.time[trend.time.length - 1]
}
