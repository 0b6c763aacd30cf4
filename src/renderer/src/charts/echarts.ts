// The one place the renderer sets up echarts: only the parts the charts use are registered
// (tree-shaken from echarts/core), so a new chart type is one more import here.
import { use, init, connect, type ComposeOption, type EChartsType } from 'echarts/core'
import { BarChart, LineChart, ScatterChart, type BarSeriesOption, type LineSeriesOption, type ScatterSeriesOption } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | ScatterSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>
export type { EChartsType }
export { init as initChart, connect as connectCharts }
