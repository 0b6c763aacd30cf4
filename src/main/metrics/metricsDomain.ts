// The metrics part of the workbench: the sampler (MetricsService), its requests, the batched
// 'metrics.batch' event (about once a second, whatever the interval), the stream that writes
// samples into recordings, and the samples of opened sessions.
import type { MetricsRequests, MetricsSettingsView, RecordedMetrics } from '../../shared/metricsApi'
import type { HealthThresholds, MetricsBatch, MetricsRecord } from '../../shared/metricsTypes'
import { UserError } from '../../shared/userError'
import type { DomainContext, WorkbenchDomain } from '../domain'
import type { SessionService } from '../sessions'
import type { SettingsStore } from '../settings'
import type { TargetManager } from '../targets'
import { metricsRecorderStream } from './metricsRecorderStream'
import { metricsSessionPart } from './metricsSessionPart'
import { MetricsService, type MetricsServiceOptions } from './metricsService'

export interface MetricsDomain extends WorkbenchDomain<MetricsRequests> {
  readonly service: MetricsService
  /**
   * Whether recordings get metric samples (on by default). `spyglass record` turns it off unless
   * --metrics-interval asks for them, and sets that interval for this process only (not saved
   * in the settings).
   */
  setRecording(enabled: boolean, intervalMs?: number): void
}

const batchEveryMs = 1000

function emptyBatch(): MetricsBatch {
  return { host: [], gpu: [], targets: [], health: [], alerts: [] }
}

/** What the metrics domain needs besides the common context. */
export type MetricsContext = DomainContext & { settings: SettingsStore; targets: TargetManager; sessions: SessionService }

export function createMetricsDomain(context: MetricsContext, options: Partial<Pick<MetricsServiceOptions, 'gpuSource' | 'host'>> = {}): MetricsDomain {
  let intervalOverride: number | null = null
  const settings = (): MetricsServiceOptions['settings'] extends () => infer S ? S : never => {
    const s = context.settings.get()
    return intervalOverride === null ? s : { ...s, metricsIntervalMs: intervalOverride }
  }
  const service = new MetricsService({ targets: context.targets, settings, ...options })
  let recording = true
  let batch = emptyBatch()
  let batchTimer: NodeJS.Timeout | null = null
  const flush = (): void => {
    batchTimer = null
    const out = batch
    batch = emptyBatch()
    out.health = service.health.tiles()
    context.emit('metrics.batch', out)
  }
  const take = (record: MetricsRecord): void => {
    if (record.kind === 'host') batch.host.push(record.sample)
    else if (record.kind === 'gpu') batch.gpu.push(record.sample)
    else if (record.kind === 'target') batch.targets.push(record.sample)
    else batch.alerts.push(record.alert)
    if (!batchTimer) {
      batchTimer = setTimeout(flush, batchEveryMs)
      batchTimer.unref()
    }
  }
  const offRecords = service.onRecord(take)

  const recorded = new Map<string, Promise<RecordedMetrics>>()

  /** An opened session's samples, read once from its file (the part does the reading). */
  const readRecorded = async (sessionId: string): Promise<RecordedMetrics> => {
    const source = await context.sessions.openSessionSource(sessionId)
    try {
      // Samples keep the ids their targets were recorded under, as the System view asks for them.
      return { sessionId, ...(await metricsSessionPart.openRecorded!(source, { targetIdOf: (id) => id })) }
    } finally {
      await source.close()
    }
  }

  const settingsView = (): MetricsSettingsView => {
    const s = settings()
    return { intervalMs: s.metricsIntervalMs, alertAfterMs: s.metricsAlertAfterMs, thresholds: s.metricsThresholds }
  }
  /** The view asking is what starts sampling. */
  const live = <T>(value: () => T): T => {
    service.start()
    return value()
  }

  return {
    name: 'metrics',
    service,
    session: metricsSessionPart,
    sessionClosed(sessionId) {
      // Closed sessions' samples are dropped from the cache.
      recorded.delete(sessionId)
    },
    setRecording(enabled, intervalMs) {
      recording = enabled
      if (intervalMs !== undefined) intervalOverride = intervalMs
    },
    handlers: {
      'metrics.series': () => live(() => service.series()),
      'metrics.gpu': () => live(() => service.latestGpu()),
      'metrics.alerts': () => live(() => ({ health: service.health.tiles(), alerts: service.health.alerts() })),
      'metrics.thresholds': () => settingsView(),
      'metrics.setThresholds': ({ intervalMs, alertAfterMs, thresholds }) => {
        const current = context.settings.get()
        const merged: HealthThresholds = { ...current.metricsThresholds, ...thresholds }
        const next = context.settings.set({
          metricsIntervalMs: intervalMs ?? current.metricsIntervalMs,
          metricsAlertAfterMs: alertAfterMs ?? current.metricsAlertAfterMs,
          metricsThresholds: merged
        })
        context.emit('settings.changed', next)
        return settingsView()
      },
      'metrics.session': ({ sessionId }) => {
        const session = context.sessions.get(sessionId)
        if (session.state === 'recording') throw new UserError('BAD_REQUEST', 'the session is still recording: its samples are the live ones (metrics.series)')
        if (!session.file) throw new UserError('BAD_SESSION', 'the session has no file yet: save it to see its recorded samples')
        let read = recorded.get(sessionId)
        if (!read) {
          read = readRecorded(sessionId)
          recorded.set(sessionId, read)
          read.catch(() => recorded.delete(sessionId))
        }
        return read
      }
    },
    recorderStreams: () => (recording ? [metricsRecorderStream(service)] : []),
    async dispose() {
      offRecords()
      if (batchTimer) clearTimeout(batchTimer)
      await service.dispose()
    }
  }
}
