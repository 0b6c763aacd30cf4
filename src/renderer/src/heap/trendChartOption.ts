// The heap trend chart's echarts option: heap used (filled) and heap total over time, GCs as
// marks on the used line (forced ones apart). Pure: colors come in as strings.
import type { HeapGcMark } from '../../../shared/heapApi'
import type { ChartOption } from '../charts/echarts'
import type { HeapTrendData } from './heapTrendBuffer'
import { formatBytes } from '../../../shared/formatBytes'

export interface TrendChartColors {
  used: string
  total: string
  gc: string
  forced: string
  text: string
  grid: string
  tooltipBg: string
  tooltipBorder: string
}

/** Heap used at `time`, from the first sample at or after it (a GC's effect shows in the next sample); null past the last. */
export function usedAt(trend: HeapTrendData, time: number): number | null {
  let low = 0
  let high = trend.time.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (trend.time[mid] < time) low = mid + 1
    else high = mid
  }
  return low < trend.time.length ? trend.usedBytes[low] : null
}

function marksOf(trend: HeapTrendData, kinds: (kind: HeapGcMark['kind']) => boolean): Array<[number, number]> {
  const first = trend.time[0] ?? Number.POSITIVE_INFINITY
  const points: Array<[number, number]> = []
  for (const mark of trend.gcMarks) {
    if (!kinds(mark.kind) || mark.time < first) continue
    const used = usedAt(trend, mark.time)
    if (used !== null) points.push([mark.time, used])
  }
  return points
}

export function trendChartOption(trend: HeapTrendData, colors: TrendChartColors): ChartOption {
  const used = trend.time.map((t, i): [number, number] => [t, trend.usedBytes[i]])
  const total = trend.time.map((t, i): [number, number] => [t, trend.totalBytes[i]])
  return {
    animation: false,
    grid: { left: 62, right: 14, top: 28, bottom: 22 },
    legend: {
      top: 4,
      right: 10,
      itemWidth: 12,
      itemHeight: 8,
      itemGap: 12,
      textStyle: { color: colors.text, fontSize: 11 },
      data: ['Heap used', 'Heap total', 'GC', 'Forced GC']
    },
    tooltip: {
      trigger: 'axis',
      backgroundColor: colors.tooltipBg,
      borderColor: colors.tooltipBorder,
      textStyle: { color: colors.text, fontSize: 11 },
      confine: true,
      valueFormatter: (value) => (typeof value === 'number' ? formatBytes(value) : String(value))
    },
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: colors.grid } },
      axisLabel: { color: colors.text, fontSize: 10, hideOverlap: true },
      splitLine: { show: false }
    },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { color: colors.text, fontSize: 10, formatter: (value: number) => formatBytes(value) },
      splitLine: { lineStyle: { color: colors.grid } }
    },
    series: [
      {
        name: 'Heap used',
        type: 'line',
        data: used,
        showSymbol: false,
        sampling: 'lttb',
        lineStyle: { width: 1.5, color: colors.used },
        itemStyle: { color: colors.used },
        areaStyle: { color: colors.used, opacity: 0.15 }
      },
      {
        name: 'Heap total',
        type: 'line',
        data: total,
        showSymbol: false,
        sampling: 'lttb',
        lineStyle: { width: 1, type: 'dashed', color: colors.total },
        itemStyle: { color: colors.total }
      },
      { name: 'GC', type: 'scatter', data: marksOf(trend, (k) => k !== 'forced'), symbolSize: 5, itemStyle: { color: colors.gc } },
      { name: 'Forced GC', type: 'scatter', data: marksOf(trend, (k) => k === 'forced'), symbol: 'diamond', symbolSize: 9, itemStyle: { color: colors.forced } }
    ]
  }
}
