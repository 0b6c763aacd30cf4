import { useEffect, useRef } from 'react'
import { useEchart } from '../hooks/useEchart'
import { panelOption, type ChartColors, type ChartPanel } from './systemCharts'

/** Charts of one group share the crosshair: hovering one shows the same time in all. */
export const systemChartGroup = 'spyglass-system'

export interface MetricChartProps {
  panel: ChartPanel
  colors: ChartColors
  range: [number, number]
}

/** One timeline (echarts on a canvas), joined to the others' crosshair, resized with its box. */
export function MetricChart({ panel, colors, range }: MetricChartProps) {
  const hostRef = useRef<HTMLDivElement>(null)
  const chartRef = useEchart(hostRef, systemChartGroup)

  useEffect(() => {
    // Replaced, not merged: lines come and go with targets and GPUs.
    chartRef.current?.setOption(panelOption(panel, colors, range), { notMerge: true, lazyUpdate: true })
  }, [panel, colors, range])

  return (
    <div className="system-chart" data-testid={`system-chart-${panel.id}`}>
      <div className="system-chart-title">{panel.title}</div>
      <div ref={hostRef} className="system-chart-canvas" />
    </div>
  )
}
