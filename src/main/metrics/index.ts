// The metrics domain: host (systeminformation, /proc), GPUs (nvidia-smi, parsed), target
// processes (the OS and an inspector probe), health states and alerts, the session stream.
export { createMetricsDomain, type MetricsDomain } from './metricsDomain'
export { MetricsService, historySize, type MetricsServiceOptions } from './metricsService'
export { HostSampler } from './hostSampler'
export { NvidiaSmiLoop, NvidiaSmiPoller, gpuSampleOf, noGpuReason, nvidiaSmiBinary, readNvidiaSmiOnce, unavailableGpuSample, type GpuSource } from './nvidiaSmi'
export { parseNvidiaSmiXml, type NvidiaSmiReading } from './nvidiaSmiXml'
export { HealthMonitor, stateOf, type Observation } from './health'
export { metricsStreamEntry, metricsStreamName, readMetricsRecords } from './metricsRecords'
export { summarizeMetrics, type MetricsSummary, type MetricStats, type PeakMean } from './metricsSummary'
export { metricsSessionPart, formatMetricsSummary } from './metricsSessionPart'
