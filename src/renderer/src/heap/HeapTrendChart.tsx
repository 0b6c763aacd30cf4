import { useEffect, useMemo, useRef } from 'react'
import { useCssColors } from '../hooks/useCssColors'
import { useEchart } from '../hooks/useEchart'
import type { HeapTrendData } from './heapTrendBuffer'
import { formatBytes } from '../../../shared/formatBytes'
import { formatRate } from './memoryFormat'
import { trendChartOption, type TrendChartColors } from './trendChartOption'

const cssNames = ['--accent', '--text-faint', '--warn', '--v-keyword', '--text-dim', '--border', '--bg-raised', '--border-strong'] as const

/** The target's heap over time with its GCs, and the leak verdict on the heap after GC. */
export function HeapTrendChart({ trend }: { trend: HeapTrendData | null }) {
  const hostRef = useRef<HTMLDivElement>(null)
  const chartRef = useEchart(hostRef)
  const css = useCssColors(cssNames)
  const colors = useMemo<TrendChartColors>(
    () => ({
      used: css['--accent'],
      total: css['--text-faint'],
      gc: css['--warn'],
      forced: css['--v-keyword'],
      text: css['--text-dim'],
      grid: css['--border'],
      tooltipBg: css['--bg-raised'],
      tooltipBorder: css['--border-strong']
    }),
    [css]
  )

  useEffect(() => {
    if (chartRef.current && trend) chartRef.current.setOption(trendChartOption(trend, colors), { lazyUpdate: true })
  }, [trend, colors])

  const verdict = trend?.verdict ?? null
  const last = trend && trend.usedBytes.length > 0 ? trend.usedBytes[trend.usedBytes.length - 1] : null
  return (
    <div className="heap-trend" data-testid="heap-trend">
      <div className="heap-trend-title">
        Heap over time
        {last !== null && <span className="muted"> · {formatBytes(last)} used</span>}
        {verdict && (
          <span
            className={`trend-verdict ${verdict.leakSuspected ? 'leak' : verdict.minima < 5 ? 'pending' : 'ok'}`}
            data-testid="trend-verdict"
            data-leak={verdict.leakSuspected ? 'true' : 'false'}
            title={verdict.reason}
          >
            {verdict.leakSuspected ? `Leak suspected: ${formatRate(verdict.slopeBytesPerSec)} after GC` : verdict.minima < 5 ? 'Watching the heap after GC…' : 'No leak: steady after GC'}
          </span>
        )}
      </div>
      <div ref={hostRef} className="heap-trend-canvas" />
    </div>
  )
}
