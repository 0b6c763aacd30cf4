// The System view's timelines, computed from the metric series: which panels there are, their
// lines, and each panel's echarts option on the shared time axis. Pure (colors come in as
// strings), so it is tested alone.
import type { MetricsSeries, TargetSample } from '../../../shared/metricsTypes'
import type { ChartOption } from '../charts/echarts'

export type PanelUnit = 'pct' | 'bytes' | 'MiB' | 'ms'

export interface PanelLine {
  name: string
  points: Array<[number, number | null]>
  /** A secondary line of the same subject (RSS beside heap, max beside p99). */
  dashed?: boolean
}

export interface ChartPanel {
  id: string
  title: string
  unit: PanelUnit
  lines: PanelLine[]
  /** Fixed top of the axis (100 for percentages); otherwise it fits the data. */
  max?: number
}

export interface ChartColors {
  palette: string[]
  text: string
  faint: string
  grid: string
  tooltipBg: string
  tooltipBorder: string
  accent: string
}

export function formatValue(value: number | null | undefined, unit: PanelUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  switch (unit) {
    case 'pct':
      return `${value.toFixed(value < 10 ? 1 : 0)}%`
    case 'ms':
      return `${value.toFixed(value < 10 ? 1 : 0)} ms`
    case 'MiB':
      return value >= 1024 ? `${(value / 1024).toFixed(1)} GiB` : `${Math.round(value)} MiB`
    case 'bytes': {
      const mib = value / 1024 / 1024
      return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib.toFixed(mib < 10 ? 1 : 0)} MiB`
    }
  }
}

/** The time range all timelines share: the earliest to the latest sample of any series. */
export function timeRange(series: MetricsSeries): [number, number] | null {
  let min = Infinity
  let max = -Infinity
  const see = (time: number | undefined): void => {
    if (time === undefined) return
    if (time < min) min = time
    if (time > max) max = time
  }
  see(series.host[0]?.time)
  see(series.host.at(-1)?.time)
  see(series.gpu[0]?.time)
  see(series.gpu.at(-1)?.time)
  for (const samples of Object.values(series.targets)) {
    see(samples[0]?.time)
    see(samples.at(-1)?.time)
  }
  return Number.isFinite(min) ? [min, Math.max(max, min + 1000)] : null
}

const targetLine = (samples: TargetSample[], name: string, pick: (s: TargetSample) => number | null, dashed = false): PanelLine => ({
  name,
  points: samples.map((s) => [s.time, pick(s)]),
  dashed
})

/**
 * The panels for a series. `targetLabel` names a target; `ownTargetId` (the selected one) also
 * gets its RSS and event-loop max beside its heap and p99.
 */
export function systemPanels(series: MetricsSeries, targetLabel: (targetId: string) => string, ownTargetId: string | null): ChartPanel[] {
  const panels: ChartPanel[] = [
    { id: 'host-cpu', title: 'Host CPU', unit: 'pct', max: 100, lines: [{ name: 'CPU', points: series.host.map((h) => [h.time, h.cpuPct]) }] },
    {
      id: 'host-memory',
      title: 'Host memory',
      unit: 'pct',
      max: 100,
      lines: [
        { name: 'memory', points: series.host.map((h) => [h.time, h.memUsedPct]) },
        { name: 'swap', dashed: true, points: series.host.map((h) => [h.time, h.swapTotalBytes > 0 ? (h.swapUsedBytes / h.swapTotalBytes) * 100 : null]) }
      ]
    }
  ]
  // One line per GPU, by UUID (indices can change across reboots; UUIDs cannot).
  const gpus = new Map<string, { label: string; util: Array<[number, number | null]>; memory: Array<[number, number | null]> }>()
  for (const sample of series.gpu) {
    for (const g of sample.gpus) {
      let entry = gpus.get(g.uuid)
      if (!entry) gpus.set(g.uuid, (entry = { label: `GPU ${g.index}`, util: [], memory: [] }))
      entry.util.push([sample.time, g.utilizationGpuPct])
      entry.memory.push([sample.time, g.memoryUsedMiB])
    }
  }
  if (gpus.size > 0) {
    panels.push({ id: 'gpu-util', title: 'GPU utilization', unit: 'pct', max: 100, lines: [...gpus.values()].map((g) => ({ name: g.label, points: g.util })) })
    panels.push({ id: 'gpu-memory', title: 'GPU memory', unit: 'MiB', lines: [...gpus.values()].map((g) => ({ name: g.label, points: g.memory })) })
  }
  const targets = Object.entries(series.targets).filter(([, samples]) => samples.length > 0)
  if (targets.length > 0) {
    const own = (id: string) => id === ownTargetId
    panels.push({ id: 'target-cpu', title: 'Process CPU (of one core)', unit: 'pct', lines: targets.map(([id, s]) => targetLine(s, targetLabel(id), (x) => x.cpuPct)) })
    panels.push({
      id: 'target-heap',
      title: 'Process heap used · RSS dashed',
      unit: 'bytes',
      lines: targets.flatMap(([id, s]) => [
        targetLine(s, targetLabel(id), (x) => x.heapUsedBytes),
        ...(own(id) ? [targetLine(s, `${targetLabel(id)} RSS`, (x) => x.rssBytes, true)] : [])
      ])
    })
    panels.push({
      id: 'target-eld',
      title: 'Event-loop delay p99 · max dashed',
      unit: 'ms',
      lines: targets.flatMap(([id, s]) => [
        targetLine(s, targetLabel(id), (x) => x.eventLoopDelayP99Ms),
        ...(own(id) ? [targetLine(s, `${targetLabel(id)} max`, (x) => x.eventLoopDelayMaxMs, true)] : [])
      ])
    })
  }
  return panels
}

/** One panel's option: lines on the shared time range, a vertical crosshair shared by all (echarts connect). */
export function panelOption(panel: ChartPanel, colors: ChartColors, range: [number, number]): ChartOption {
  return {
    animation: false,
    color: colors.palette,
    grid: { left: 58, right: 14, top: 24, bottom: 22 },
    legend: {
      top: 0,
      right: 8,
      itemWidth: 12,
      itemHeight: 6,
      itemGap: 10,
      textStyle: { color: colors.text, fontSize: 11 },
      inactiveColor: colors.faint
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line', lineStyle: { color: colors.accent, width: 1 } },
      backgroundColor: colors.tooltipBg,
      borderColor: colors.tooltipBorder,
      textStyle: { color: colors.text, fontSize: 11 },
      valueFormatter: (value) => formatValue(typeof value === 'number' ? value : null, panel.unit)
    },
    xAxis: {
      type: 'time',
      min: range[0],
      max: range[1],
      axisLabel: { color: colors.faint, fontSize: 10, hideOverlap: true },
      axisLine: { lineStyle: { color: colors.grid } },
      splitLine: { show: false }
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: panel.max,
      splitNumber: 3,
      axisLabel: { color: colors.faint, fontSize: 10, formatter: (value: number) => formatValue(value, panel.unit) },
      splitLine: { lineStyle: { color: colors.grid } }
    },
    series: panel.lines.map((line) => ({
      type: 'line' as const,
      name: line.name,
      data: line.points,
      showSymbol: false,
      connectNulls: false,
      lineStyle: { width: line.dashed ? 1 : 1.5, type: line.dashed ? ('dashed' as const) : ('solid' as const) }
    }))
  }
}
