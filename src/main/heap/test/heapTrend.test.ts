// The leak verdict on synthetic series: sawtooth heaps (with and without noise, with minor GCs
// climbing between major ones) are not flagged; a floor that keeps rising is, with its slope.
import { describe, expect, it } from 'vitest'
import type { HeapGcMark } from '../../../shared/heapApi'
import { thinSamples } from '../heapSampler'
import { heapTrend, postGcMinima, theilSen, type TrendSample } from '../heapTrend'

const MB = 1024 * 1024

/** A deterministic pseudo-random source (mulberry32), so that every run judges the same series. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Shape {
  seconds: number
  /** Heap right after a GC at time 0. */
  floor: number
  /** Floor growth per second (the leak). */
  leakPerSec: number
  /** Bytes allocated (and garbage) per second between GCs. */
  allocPerSec: number
  /** Seconds between GCs. */
  gcEverySec: number
  /** Noise amplitude on every sample. */
  noise?: number
  seed?: number
}

/** Samples every 500 ms of a heap that climbs by `allocPerSec` and drops to its floor at each GC. */
function sawtooth(shape: Shape): { samples: TrendSample[]; marks: HeapGcMark[] } {
  const rand = random(shape.seed ?? 1)
  const samples: TrendSample[] = []
  const marks: HeapGcMark[] = []
  const t0 = 1_700_000_000_000
  let lastGc = 0
  for (let ms = 0; ms <= shape.seconds * 1000; ms += 500) {
    const sec = ms / 1000
    if (sec - lastGc >= shape.gcEverySec) {
      lastGc = sec
      marks.push({ time: t0 + ms - 100, kind: 'major', durationMs: 5 })
    }
    const floor = shape.floor + shape.leakPerSec * sec
    const used = floor + shape.allocPerSec * (sec - lastGc) + (shape.noise ?? 0) * (rand() - 0.5)
    samples.push({ time: t0 + ms, usedBytes: used })
  }
  return { samples, marks }
}

describe('heapTrend', () => {
  it('does not flag a sawtooth heap, whether or not the target reports its GCs', () => {
    const { samples, marks } = sawtooth({ seconds: 120, floor: 40 * MB, leakPerSec: 0, allocPerSec: 4 * MB, gcEverySec: 5 })
    for (const verdict of [heapTrend(samples, marks), heapTrend(samples)]) {
      expect(verdict.leakSuspected).toBe(false)
      expect(verdict.minima).toBeGreaterThanOrEqual(20)
      expect(Math.abs(verdict.slopeBytesPerSec)).toBeLessThan(1024)
      expect(verdict.reason).toMatch(/steady/)
    }
  })

  it('does not flag noisy sawtooth heaps (many seeds)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { samples, marks } = sawtooth({ seconds: 90, floor: 30 * MB, leakPerSec: 0, allocPerSec: 3 * MB, gcEverySec: 4, noise: 2 * MB, seed })
      expect(heapTrend(samples, marks).leakSuspected, `seed ${seed} with marks`).toBe(false)
      expect(heapTrend(samples).leakSuspected, `seed ${seed} from drops`).toBe(false)
    }
  })

  it('is not fooled by the series ending high in a tooth (a naive slope would be)', () => {
    // Ends just before a GC: the last samples are the highest of the whole series.
    const { samples, marks } = sawtooth({ seconds: 59.5, floor: 20 * MB, leakPerSec: 0, allocPerSec: 8 * MB, gcEverySec: 10 })
    const naive = theilSen(samples.map((s) => ({ x: s.time / 1000, y: s.usedBytes })))
    expect(naive.slope).toBeGreaterThan(0)
    expect(heapTrend(samples, marks).leakSuspected).toBe(false)
  })

  it('ignores minor GCs climbing between major ones', () => {
    // Old space fills by promotion between major GCs (every 20 s); scavenges every second drop 2 MB.
    const samples: TrendSample[] = []
    for (let ms = 0; ms <= 100_000; ms += 500) {
      const sec = ms / 1000
      const sinceMajor = sec % 20
      const young = (sec % 1) * 2 * MB
      samples.push({ time: ms, usedBytes: 30 * MB + sinceMajor * 0.5 * MB + young })
    }
    expect(heapTrend(samples).leakSuspected).toBe(false)
  })

  it('flags a floor that keeps rising, with its slope, both from GC marks and from drops', () => {
    const { samples, marks } = sawtooth({ seconds: 60, floor: 40 * MB, leakPerSec: 200 * 1024, allocPerSec: 5 * MB, gcEverySec: 3, noise: 256 * 1024 })
    for (const verdict of [heapTrend(samples, marks), heapTrend(samples)]) {
      expect(verdict.leakSuspected).toBe(true)
      expect(verdict.slopeBytesPerSec).toBeGreaterThan(150 * 1024)
      expect(verdict.slopeBytesPerSec).toBeLessThan(250 * 1024)
      expect(verdict.reason).toMatch(/keeps rising/)
    }
  })

  it('does not flag a rise too small to matter', () => {
    const { samples, marks } = sawtooth({ seconds: 60, floor: 200 * MB, leakPerSec: 2 * 1024, allocPerSec: 5 * MB, gcEverySec: 3 })
    const verdict = heapTrend(samples, marks)
    expect(verdict.slopeBytesPerSec).toBeGreaterThan(0)
    expect(verdict.leakSuspected).toBe(false)
  })

  it('says when there is not enough to judge', () => {
    const { samples, marks } = sawtooth({ seconds: 6, floor: 40 * MB, leakPerSec: MB, allocPerSec: 5 * MB, gcEverySec: 3 })
    const verdict = heapTrend(samples, marks)
    expect(verdict.leakSuspected).toBe(false)
    expect(verdict.reason).toMatch(/not enough/)
    expect(heapTrend([]).minima).toBe(0)
  })

  it('takes the bottom of each drop as the floor', () => {
    const samples = [10, 20, 30, 12, 11, 25, 35, 13, 40].map((mb, i) => ({ time: i * 1000, usedBytes: mb * MB }))
    expect(postGcMinima(samples).map((s) => s.usedBytes / MB)).toEqual([11, 13])
  })

  it('fits a robust slope through outliers', () => {
    const points = Array.from({ length: 21 }, (_, i) => ({ x: i, y: 2 * i + 1 }))
    points[5].y = 1000
    points[15].y = -1000
    const fit = theilSen(points)
    expect(fit.slope).toBe(2)
    expect(fit.intercept).toBe(1)
  })
})

describe('thinSamples', () => {
  it('keeps the lowest and highest sample of each stretch, in time order', () => {
    const samples = Array.from({ length: 12 }, (_, i) => ({ time: i, usedBytes: [5, 9, 1, 7, 3, 8, 2, 6, 4, 10, 0, 11][i], totalBytes: 20 }))
    expect(thinSamples(samples, 20)).toHaveLength(12)
    const thin = thinSamples(samples, 6)
    expect(thin.map((s) => s.usedBytes)).toEqual([9, 1, 8, 2, 0, 11])
    expect(thin.map((s) => s.time)).toEqual([...thin.map((s) => s.time)].sort((a, b) => a - b))
  })
})
