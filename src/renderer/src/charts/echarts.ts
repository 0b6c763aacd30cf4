// The one place the renderer sets up echarts: only the parts the charts use are registered
// (tree-shaken from echarts/core), so a new chart type is one more import here.
import { use, init, type ComposeOption, type EChartsType } from 'echarts/core'
import { BarChart, type BarSeriesOption } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>
export type { EChartsType }
export { init as initChart }
