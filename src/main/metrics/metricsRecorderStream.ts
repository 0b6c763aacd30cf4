// Writes the metric samples of a recording into its session (streams/metrics.ndjson): the
// host's and the GPUs' samples, those of the session's own target, and the alerts about them.
// Records are appended once a second, not line by line.
import type { MetricsRecord } from '../../shared/metricsTypes'
import type { RecorderStream } from '../sessions'
import { metricsStreamName } from './metricsRecords'
import type { MetricsService } from './metricsService'

const flushEveryMs = 1000

function belongs(record: MetricsRecord, includes: (targetId: string) => boolean): boolean {
  if (record.kind === 'target') return includes(record.sample.targetId)
  if (record.kind === 'alert' && record.alert.subject.startsWith('target:')) return includes(record.alert.subject.slice('target:'.length))
  return true
}

export function metricsRecorderStream(service: MetricsService): RecorderStream {
  return {
    name: metricsStreamName,
    start(context) {
      service.start()
      let pending: MetricsRecord[] = []
      const flush = (): void => {
        if (pending.length === 0) return
        context.writer.appendRecords(metricsStreamName, pending)
        pending = []
      }
      // The GPU reading of the moment, so that a short recording still says which GPUs there were.
      const gpu = service.latestGpu()
      if (gpu) pending.push({ kind: 'gpu', sample: gpu })
      // Alerts already under way when the recording starts belong to it too.
      for (const alert of service.health.alerts()) {
        const record: MetricsRecord = { kind: 'alert', alert }
        if (alert.resolvedAt === null && belongs(record, (id) => context.includes(id))) pending.push(record)
      }
      const off = service.onRecord((record) => {
        if (belongs(record, (id) => context.includes(id))) pending.push(record)
      })
      const timer = setInterval(flush, flushEveryMs)
      timer.unref()
      return {
        stop() {
          off()
          clearInterval(timer)
          flush()
        }
      }
    }
  }
}
