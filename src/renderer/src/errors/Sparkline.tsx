import { memo } from 'react'
import { sparklinePath } from './errorFormat'

export interface SparklineProps {
  rate: readonly number[]
  /** Buckets of the shared timeline: every row's sparkline spans the same time. */
  buckets: number
  width?: number
  height?: number
}

/** A group's counts over time as a tiny inline SVG: cheap enough for hundreds of rows. */
export const Sparkline = memo(function Sparkline({ rate, buckets, width = 80, height = 20 }: SparklineProps) {
  const { line, area } = sparklinePath(rate, buckets, width, height)
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden data-testid="error-sparkline">
      {area && <path d={area} className="sparkline-area" />}
      {line && <path d={line} className="sparkline-line" />}
    </svg>
  )
})
