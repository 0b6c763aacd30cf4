import { useEffect, useRef } from 'react'
import { connectCharts, initChart, type EChartsType } from '../../charts/echarts'
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
  const chartRef = useRef<EChartsType | null>(null)

  useEffect(() => {
    const host = hostRef.current
    if (!host) return
    const chart = initChart(host, undefined, { renderer: 'canvas' })
    chart.group = systemChartGroup
    connectCharts(systemChartGroup)
    chartRef.current = chart
    const observer = new ResizeObserver(() => chart.resize())
    observer.observe(host)
    return () => {
      observer.disconnect()
      chart.dispose()
      chartRef.current = null
    }
  }, [])

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
