import { describe, expect, it } from 'vitest'
import type { HeapTrendData } from './heapTrendBuffer'
import { trendChartOption, usedAt } from './trendChartOption'

const trend: HeapTrendData = {
  targetId: 't',
  time: [1000, 2000, 3000],
  usedBytes: [10, 30, 12],
  totalBytes: [40, 40, 40],
  gcMarks: [
    { time: 500, kind: 'major', durationMs: 1 },
    { time: 2500, kind: 'major', durationMs: 1 },
    { time: 2600, kind: 'forced', durationMs: 1 },
    { time: 3500, kind: 'major', durationMs: 1 }
  ],
  verdict: null
}

const colors = { used: 'u', total: 't', gc: 'g', forced: 'f', text: 'x', grid: 'y', tooltipBg: 'b', tooltipBorder: 'c' }

describe('trend chart', () => {
  it('puts each GC on the first sample after it, leaving out marks outside the samples', () => {
    expect(usedAt(trend, 2500)).toBe(12)
    expect(usedAt(trend, 3500)).toBeNull()
    const series = trendChartOption(trend, colors).series as Array<{ name: string; data: unknown[] }>
    expect(series.map((s) => s.name)).toEqual(['Heap used', 'Heap total', 'GC', 'Forced GC'])
    expect(series[0].data).toEqual([[1000, 10], [2000, 30], [3000, 12]])
    expect(series[2].data).toEqual([[2500, 12]])
    expect(series[3].data).toEqual([[2600, 12]])
  })
})
