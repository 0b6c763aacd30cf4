import { useEffect, useRef, type RefObject } from 'react'
import { connectCharts, initChart, type EChartsType } from '../charts/echarts'

/**
 * One echarts instance (canvas) for a component's life, in the element `hostRef` points at and
 * resized with its box; `group` joins charts whose crosshairs move together. Returns the ref the
 * component sets its options through.
 */
export function useEchart(hostRef: RefObject<HTMLDivElement | null>, group?: string): RefObject<EChartsType | null> {
  const chartRef = useRef<EChartsType | null>(null)
  useEffect(() => {
    const host = hostRef.current
    if (!host) return
    const chart = initChart(host, undefined, { renderer: 'canvas' })
    if (group) {
      chart.group = group
      connectCharts(group)
    }
    chartRef.current = chart
    const observer = new ResizeObserver(() => chart.resize())
    observer.observe(host)
    return () => {
      observer.disconnect()
      chart.dispose()
      chartRef.current = null
    }
  }, [hostRef, group])
  return chartRef
}
