// The error-rate chart's echarts option, computed from the engine's series: one stacked bar
// series per severity on a time axis. Pure (colors come in as strings), so it is tested alone.
import { errorSeverities, type ErrorRateSeries, type ErrorSeverity } from '../../../shared/errorTypes'
import type { ChartOption } from '../charts/echarts'

export interface RateChartColors {
  severity: Record<ErrorSeverity, string>
  text: string
  faint: string
  grid: string
  tooltipBg: string
  tooltipBorder: string
}

/** Bucket start times and counts per severity; `[time, count]` pairs as echarts' time axis wants them. */
export function rateSeriesData(series: ErrorRateSeries): Record<ErrorSeverity, Array<[number, number]>> {
  const out = {} as Record<ErrorSeverity, Array<[number, number]>>
  for (const severity of errorSeverities) {
    // The middle of each bucket, so that a bar sits over the time it counts.
    out[severity] = series.counts[severity].map((n, i) => [series.start + (i + 0.5) * series.bucketMs, n])
  }
  return out
}

export function bucketCount(series: ErrorRateSeries | null): number {
  if (!series) return 0
  return Math.max(0, ...errorSeverities.map((s) => series.counts[s].length))
}

/**
 * `end`: where the time axis stops (a live target's "now", so that quiet minutes show as such);
 * never before the last bucket.
 */
export function rateChartOption(series: ErrorRateSeries, colors: RateChartColors, end: number): ChartOption {
  const data = rateSeriesData(series)
  const buckets = bucketCount(series)
  const seriesEnd = series.start + Math.max(1, buckets) * series.bucketMs
  return {
    animation: false,
    grid: { left: 36, right: 12, top: 26, bottom: 22 },
    legend: {
      top: 2,
      right: 8,
      itemWidth: 10,
      itemHeight: 8,
      itemGap: 12,
      textStyle: { color: colors.text, fontSize: 11 },
      inactiveColor: colors.faint,
      data: [...errorSeverities]
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: colors.tooltipBg,
      borderColor: colors.tooltipBorder,
      textStyle: { color: colors.text, fontSize: 11 },
      confine: true
    },
    xAxis: {
      type: 'time',
      min: series.start,
      max: Math.max(seriesEnd, end),
      axisLine: { lineStyle: { color: colors.grid } },
      axisTick: { show: false },
      axisLabel: { color: colors.faint, fontSize: 10, hideOverlap: true },
      splitLine: { show: false }
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      splitNumber: 3,
      axisLabel: { color: colors.faint, fontSize: 10 },
      splitLine: { lineStyle: { color: colors.grid } }
    },
    series: errorSeverities.map((severity) => ({
      name: severity,
      type: 'bar' as const,
      stack: 'errors',
      data: data[severity],
      itemStyle: { color: colors.severity[severity] },
      barCategoryGap: '10%',
      barMaxWidth: 24,
      emphasis: { disabled: true }
    }))
  }
}
