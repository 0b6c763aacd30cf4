// What crosses the boundary about metrics: samples of the host, its GPUs and the targets, the
// health of each metric and the alerts. Values a source does not report are null, never 0.

export type HealthState = 'ok' | 'warn' | 'critical'

/** One sample of the host. Rates are per second over the interval since the previous sample. */
export interface HostSample {
  time: number
  /** All cores, 0–100. */
  cpuPct: number
  /** One entry per core, 0–100. */
  cpuCoresPct: number[]
  memTotalBytes: number
  /** Used by processes (total − available), so that the page cache does not count as used. */
  memUsedBytes: number
  memAvailableBytes: number
  memUsedPct: number
  swapTotalBytes: number
  swapUsedBytes: number
  /** The file system that holds the most bytes (usage changes slowly: refreshed every 30 s). */
  diskUsedBytes: number | null
  diskTotalBytes: number | null
  diskUsedPct: number | null
  diskReadBytesPerSec: number | null
  diskWriteBytesPerSec: number | null
  netRxBytesPerSec: number | null
  netTxBytesPerSec: number | null
  /** 1, 5 and 15 minute load averages (0 on Windows, which has none). */
  load1: number
  load5: number
  load15: number
}

export interface MigDevice {
  index: number
  gpuInstanceId: number | null
  computeInstanceId: number | null
  memoryUsedMiB: number | null
  memoryTotalMiB: number | null
}

export interface GpuInfo {
  index: number
  name: string
  uuid: string
  utilizationGpuPct: number | null
  utilizationMemoryPct: number | null
  memoryUsedMiB: number | null
  memoryTotalMiB: number | null
  temperatureC: number | null
  powerDrawW: number | null
  powerLimitW: number | null
  graphicsClockMHz: number | null
  smClockMHz: number | null
  memoryClockMHz: number | null
  fanPct: number | null
  /** P0 (most performance) to P12; null where not reported. */
  pstate: string | null
  /** null: the GPU has no MIG mode. */
  migEnabled: boolean | null
  migDevices: MigDevice[]
}

export interface GpuProcess {
  pid: number
  name: string
  usedMemoryMiB: number | null
  gpuUuid: string
  gpuIndex: number
  /** C (compute), G (graphics), C+G; null where not reported. */
  type: string | null
  /** The MIG instance the process runs in, on a GPU in MIG mode. */
  gpuInstanceId: number | null
}

/** One reading of every GPU; `available: false` with a reason when there is none to read. */
export interface GpuSample {
  time: number
  available: boolean
  /** Why there are no GPUs ("no NVIDIA GPU found", a driver that does not answer…). */
  reason: string | null
  driverVersion: string | null
  gpus: GpuInfo[]
  processes: GpuProcess[]
}

/** One sample of a target process: from the OS (CPU, RSS) and from inside it through the inspector. */
export interface TargetSample {
  time: number
  targetId: string
  pid: number | null
  /** Of one core (a busy process with threads can pass 100). */
  cpuPct: number | null
  rssBytes: number | null
  heapUsedBytes: number | null
  heapTotalBytes: number | null
  heapLimitBytes: number | null
  externalBytes: number | null
  eventLoopDelayP50Ms: number | null
  eventLoopDelayP99Ms: number | null
  eventLoopDelayMaxMs: number | null
  /** Share of the interval the event loop was busy, 0–1. */
  eventLoopUtilization: number | null
  /** Garbage collections that ended in the interval and their pauses. */
  gcCount: number | null
  gcPauseMs: number | null
  gcMaxPauseMs: number | null
  /** GPU memory the process holds (all GPUs), from nvidia-smi; null without a GPU or when it holds none. */
  gpuMemoryMiB: number | null
}

/** Metrics with a health state. Higher is worse for all of them. */
export const healthMetrics = [
  'hostCpuPct',
  'hostMemoryPct',
  'hostDiskPct',
  'gpuUtilizationPct',
  'gpuMemoryPct',
  'gpuTemperatureC',
  'targetCpuPct',
  'targetHeapPct',
  'eventLoopDelayP99Ms',
  'eventLoopUtilizationPct'
] as const
export type HealthMetric = (typeof healthMetrics)[number]

export const healthMetricLabels: Record<HealthMetric, { label: string; unit: string }> = {
  hostCpuPct: { label: 'Host CPU', unit: '%' },
  hostMemoryPct: { label: 'Host memory', unit: '%' },
  hostDiskPct: { label: 'Disk', unit: '%' },
  gpuUtilizationPct: { label: 'GPU utilization', unit: '%' },
  gpuMemoryPct: { label: 'GPU memory', unit: '%' },
  gpuTemperatureC: { label: 'GPU temperature', unit: '°C' },
  targetCpuPct: { label: 'Process CPU', unit: '%' },
  targetHeapPct: { label: 'Heap of limit', unit: '%' },
  eventLoopDelayP99Ms: { label: 'Event-loop delay p99', unit: 'ms' },
  eventLoopUtilizationPct: { label: 'Event-loop utilization', unit: '%' }
}

export interface Threshold {
  warn: number
  critical: number
}

export type HealthThresholds = Record<HealthMetric, Threshold>

/** The current state of one metric of one subject (the host, a GPU, a target). */
export interface HealthTile {
  metric: HealthMetric
  /** 'host', 'gpu:<uuid>' or 'target:<id>'. */
  subject: string
  /** For people: "host", "GPU 0", the target's title. */
  subjectLabel: string
  value: number
  state: HealthState
  /** The threshold the value crossed (the warn one while ok). */
  threshold: number
  /** Since when the metric has been in this state (epoch ms). */
  since: number
}

/** A metric that stayed in warn or critical for the sustain period. */
export interface MetricAlert {
  id: number
  /** When it was raised (epoch ms): the end of the sustain period. */
  time: number
  /** When the metric entered the state. */
  since: number
  metric: HealthMetric
  subject: string
  subjectLabel: string
  state: Exclude<HealthState, 'ok'>
  /** The value when raised, and the highest while it lasted. */
  value: number
  peak: number
  threshold: number
  /** When the metric went back below the threshold; null while it lasts. */
  resolvedAt: number | null
}

/** The series the System view draws, oldest first. */
export interface MetricsSeries {
  intervalMs: number
  host: HostSample[]
  gpu: GpuSample[]
  targets: Record<string, TargetSample[]>
}

/** What arrives about every second while sampling: the samples since the last batch. */
export interface MetricsBatch {
  host: HostSample[]
  gpu: GpuSample[]
  targets: TargetSample[]
  health: HealthTile[]
  /** Alerts raised or resolved since the last batch. */
  alerts: MetricAlert[]
}

/** One line of streams/metrics.ndjson in a session. */
export type MetricsRecord =
  | { kind: 'host'; sample: HostSample }
  | { kind: 'gpu'; sample: GpuSample }
  | { kind: 'target'; sample: TargetSample }
  | { kind: 'alert'; alert: MetricAlert }
