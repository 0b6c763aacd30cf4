// Samples the host, the GPUs and every attached target process on one clock (the
// metricsIntervalMs setting), keeps the latest samples in ring buffers, turns them into health
// states and alerts, and hands each sample to its listeners (the batcher of the API events,
// session recordings). Sampling starts with the first consumer, not with the workbench.
import type { GpuSample, HostSample, MetricAlert, MetricsRecord, MetricsSeries, TargetSample } from '../../shared/metricsTypes'
import type { Settings } from '../../shared/settingsTypes'
import type { TargetManager } from '../targets'
import { HealthMonitor, type Observation } from './health'
import { HostSampler } from './hostSampler'
import { NvidiaSmiLoop, type GpuSource } from './nvidiaSmi'
import { RingBuffer } from './ringBuffer'
import { TargetSampler } from './targetSampler'

/** Samples kept per series: 15 minutes at the default 1 s. */
export const historySize = 900

export interface MetricsServiceOptions {
  targets: TargetManager
  settings: () => Pick<Settings, 'metricsIntervalMs' | 'metricsThresholds' | 'metricsAlertAfterMs'>
  /** The GPU source for an interval; one nvidia-smi in loop mode unless replaced (the bench). */
  gpuSource?: (intervalMs: number) => GpuSource
  host?: HostSampler
}

interface TrackedTarget {
  sampler: TargetSampler | null
  samples: RingBuffer<TargetSample>
}

export class MetricsService {
  private readonly host: HostSampler
  private readonly hostSamples = new RingBuffer<HostSample>(historySize)
  private readonly gpuSamples = new RingBuffer<GpuSample>(historySize)
  private readonly tracked = new Map<string, TrackedTarget>()
  private readonly listeners = new Set<(record: MetricsRecord) => void>()
  readonly health: HealthMonitor
  private gpu: GpuSource | null = null
  private gpuInterval = 0
  private timer: NodeJS.Timeout | null = null
  private ticking: Promise<void> | null = null
  private running = false
  private readonly unsubscribe: Array<() => void> = []

  constructor(private readonly options: MetricsServiceOptions) {
    this.host = options.host ?? new HostSampler()
    this.health = new HealthMonitor(() => {
      const s = options.settings()
      return { thresholds: s.metricsThresholds, alertAfterMs: s.metricsAlertAfterMs }
    })
    // A program that has ended is not probed any more while Node holds it for the debugger.
    options.targets.onFinishing(async (targetId) => {
      this.tracked.get(targetId)?.sampler?.finish()
    })
    this.unsubscribe.push(
      options.targets.onConnection((connection) => {
        // Worker threads share their process's CPU, memory and GPU: the process stands for them.
        if (connection.targetId !== connection.rootId) return
        const entry = this.tracked.get(connection.targetId) ?? { sampler: null, samples: new RingBuffer<TargetSample>(historySize) }
        const sampler = new TargetSampler(connection.targetId, connection.cdp, () => options.targets.get(connection.targetId)?.pid ?? null)
        entry.sampler = sampler
        this.tracked.set(connection.targetId, entry)
        connection.cdp.onClose(() => {
          if (entry.sampler === sampler) entry.sampler = null
        })
      }),
      options.targets.onRemoved((targetId) => {
        this.tracked.delete(targetId)
        this.emitAlerts(this.health.forget(`target:${targetId}`))
      })
    )
  }

  get isRunning(): boolean {
    return this.running
  }

  onRecord(listener: (record: MetricsRecord) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Starts sampling (idempotent). */
  start(): void {
    if (this.running) return
    this.running = true
    this.restartGpu()
    this.schedule(0)
  }

  async stop(): Promise<void> {
    this.running = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.gpu?.stop()
    this.gpu = null
    await this.ticking
    await this.host.settled()
    await Promise.all([...this.tracked.values()].map((t) => t.sampler?.dispose()))
  }

  series(): MetricsSeries {
    const targets: Record<string, TargetSample[]> = {}
    for (const [id, entry] of this.tracked) targets[id] = entry.samples.toArray()
    return { intervalMs: this.options.settings().metricsIntervalMs, host: this.hostSamples.toArray(), gpu: this.gpuSamples.toArray(), targets }
  }

  latestGpu(): GpuSample | null {
    return this.gpuSamples.latest() ?? null
  }

  /** One round now, outside the schedule (tests wait on it instead of on the clock). */
  async sampleNow(): Promise<void> {
    await this.ticking
    const tick = this.tick()
    this.ticking = tick
    await tick
  }

  private schedule(delayMs: number): void {
    if (!this.running) return
    this.timer = setTimeout(() => {
      const tick = this.tick()
      this.ticking = tick
      void tick.finally(() => this.schedule(this.options.settings().metricsIntervalMs))
    }, delayMs)
    this.timer.unref()
  }

  private restartGpu(): void {
    const interval = this.options.settings().metricsIntervalMs
    this.gpu?.stop()
    this.gpuInterval = interval
    this.gpu = (this.options.gpuSource ?? ((intervalMs) => new NvidiaSmiLoop({ intervalMs })))(interval)
    this.gpu.onSample((sample) => this.takeGpu(sample))
    this.gpu.start()
  }

  private async tick(): Promise<void> {
    const settings = this.options.settings()
    if (this.running && settings.metricsIntervalMs !== this.gpuInterval) this.restartGpu()
    // The probe may take most of an interval; a target that answers later goes into the next sample.
    const waitMs = Math.max(200, settings.metricsIntervalMs * 0.8)
    const targets = [...this.tracked.entries()].filter(([, t]) => t.sampler !== null)
    const [host, ...targetSamples] = await Promise.all([
      this.host.sample().catch((error: Error) => {
        process.emitWarning(`spyglass metrics: the host could not be sampled: ${error.message}`)
        return null
      }),
      ...targets.map(([, t]) => t.sampler!.sample(waitMs))
    ])
    const observations: Observation[] = []
    if (host) {
      this.hostSamples.push(host)
      this.emit({ kind: 'host', sample: host })
      observations.push({ metric: 'hostCpuPct', subject: 'host', subjectLabel: 'host', value: host.cpuPct })
      observations.push({ metric: 'hostMemoryPct', subject: 'host', subjectLabel: 'host', value: host.memUsedPct })
      if (host.diskUsedPct !== null) observations.push({ metric: 'hostDiskPct', subject: 'host', subjectLabel: 'host', value: host.diskUsedPct })
    }
    const gpu = this.latestGpu()
    for (const sample of targetSamples) {
      if (gpu?.available && sample.pid !== null) {
        const held = gpu.processes.filter((p) => p.pid === sample.pid && p.usedMemoryMiB !== null)
        sample.gpuMemoryMiB = held.length > 0 ? held.reduce((sum, p) => sum + p.usedMemoryMiB!, 0) : null
      }
      this.tracked.get(sample.targetId)?.samples.push(sample)
      this.emit({ kind: 'target', sample })
      observations.push(...targetObservations(sample, this.options.targets.get(sample.targetId)?.title ?? sample.targetId))
    }
    this.emitAlerts(this.health.observe(Date.now(), observations))
  }

  private takeGpu(sample: GpuSample): void {
    if (!this.running) return
    this.gpuSamples.push(sample)
    this.emit({ kind: 'gpu', sample })
    const observations: Observation[] = []
    for (const g of sample.gpus) {
      const subject = `gpu:${g.uuid}`
      const subjectLabel = `GPU ${g.index}`
      if (g.utilizationGpuPct !== null) observations.push({ metric: 'gpuUtilizationPct', subject, subjectLabel, value: g.utilizationGpuPct })
      if (g.memoryUsedMiB !== null && g.memoryTotalMiB) observations.push({ metric: 'gpuMemoryPct', subject, subjectLabel, value: (g.memoryUsedMiB / g.memoryTotalMiB) * 100 })
      if (g.temperatureC !== null) observations.push({ metric: 'gpuTemperatureC', subject, subjectLabel, value: g.temperatureC })
    }
    this.emitAlerts(this.health.observe(sample.time, observations))
  }

  private emitAlerts(alerts: MetricAlert[]): void {
    for (const alert of alerts) this.emit({ kind: 'alert', alert })
  }

  private emit(record: MetricsRecord): void {
    for (const listener of this.listeners) listener(record)
  }

  async dispose(): Promise<void> {
    for (const off of this.unsubscribe) off()
    await this.stop()
  }
}

function targetObservations(sample: TargetSample, label: string): Observation[] {
  const subject = `target:${sample.targetId}`
  const out: Observation[] = []
  const add = (metric: Observation['metric'], value: number | null): void => {
    if (value !== null) out.push({ metric, subject, subjectLabel: label, value })
  }
  add('targetCpuPct', sample.cpuPct)
  add('targetHeapPct', sample.heapUsedBytes !== null && sample.heapLimitBytes ? (sample.heapUsedBytes / sample.heapLimitBytes) * 100 : null)
  add('eventLoopDelayP99Ms', sample.eventLoopDelayP99Ms)
  add('eventLoopUtilizationPct', sample.eventLoopUtilization === null ? null : sample.eventLoopUtilization * 100)
  return out
}
