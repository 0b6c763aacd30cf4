import { useEffect, useMemo, useRef } from 'react'
import type { ErrorRateSeries } from '../../../shared/errorTypes'
import { useCssColors } from '../hooks/useCssColors'
import { useEchart } from '../hooks/useEchart'
import { formatBucket } from './errorFormat'
import { bucketCount, rateChartOption, type RateChartColors } from './rateChartOption'

export interface ErrorRateChartProps {
  series: ErrorRateSeries | null
  /** Where the time axis ends: now for a live target, the last error for a recording. */
  end: number
  /** The list is filtered: say that the chart is not. */
  filtered: boolean
}

const cssNames = ['--sev-critical', '--sev-high', '--sev-medium', '--sev-low', '--text-dim', '--text-faint', '--border', '--bg-raised', '--border-strong'] as const

/** Errors per time bucket, stacked by severity (echarts on a canvas; follows the theme and the pane's size). */
export function ErrorRateChart({ series, end, filtered }: ErrorRateChartProps) {
  const hostRef = useRef<HTMLDivElement>(null)
  const chartRef = useEchart(hostRef)
  const css = useCssColors(cssNames)
  const colors = useMemo<RateChartColors>(
    () => ({
      severity: { critical: css['--sev-critical'], high: css['--sev-high'], medium: css['--sev-medium'], low: css['--sev-low'] },
      text: css['--text-dim'],
      faint: css['--text-faint'],
      grid: css['--border'],
      tooltipBg: css['--bg-raised'],
      tooltipBorder: css['--border-strong']
    }),
    [css]
  )

  useEffect(() => {
    const chart = chartRef.current
    if (!chart || !series) return
    // Merged, not replaced: the series are always the same four, and an open tooltip survives.
    chart.setOption(rateChartOption(series, colors, end), { lazyUpdate: true })
  }, [series, colors, end])

  const buckets = bucketCount(series)
  return (
    <div className="error-rate" data-testid="error-rate-chart">
      <div className="error-rate-title">
        Errors over time
        <span className="muted">
          {filtered && ' · all groups'}
          {series && buckets > 0 && ` · per ${formatBucket(series.bucketMs)}`}
        </span>
      </div>
      <div ref={hostRef} className="error-rate-canvas" />
    </div>
  )
}
