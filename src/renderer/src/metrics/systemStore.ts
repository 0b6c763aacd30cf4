// The System view's presenter: the metric series (live, or recorded in an opened session),
// health tiles, alerts and the latest GPU reading. Live data is read once when the view opens,
// then follows the engine's 'metrics.batch' events (about one a second); the series are capped
// at the engine's own history so that a view left open for hours holds what the engine holds.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import type { WorkbenchClient } from '../api/clientTypes'
import type { GpuSample, HealthTile, MetricAlert, MetricsBatch, MetricsSeries, TargetSample } from '../../../shared/metricsTypes'
import { errorMessage } from '../api/apiError'

/** Samples kept per series, as many as the engine keeps (15 minutes at 1 s). */
export const maxSamples = 900

export type SystemSource = { kind: 'live' } | { kind: 'recorded'; sessionId: string }

export interface SystemState {
  /** What the view shows; null while no System view is open (batches are then ignored). */
  source: SystemSource | null
  status: 'idle' | 'loading' | 'loaded'
  loadError: string | null
  series: MetricsSeries
  health: HealthTile[]
  /** Newest first. */
  alerts: MetricAlert[]
}

export interface SystemActions {
  show(source: SystemSource): Promise<void>
  hide(): void
  handleBatch(batch: MetricsBatch): void
}

export type SystemStore = StoreApi<SystemState & SystemActions>

const emptySeries = (): MetricsSeries => ({ intervalMs: 0, host: [], gpu: [], targets: {} })

function capped<T>(list: T[], more: readonly T[]): T[] {
  if (more.length === 0) return list
  const next = list.concat(more)
  return next.length > maxSamples ? next.slice(next.length - maxSamples) : next
}

/** Alerts by id, the latest version of each (raised, then resolved), newest first. */
export function mergeAlerts(current: readonly MetricAlert[], changed: readonly MetricAlert[]): MetricAlert[] {
  if (changed.length === 0) return current as MetricAlert[]
  const byId = new Map(current.map((a) => [a.id, a]))
  for (const alert of changed) byId.set(alert.id, alert)
  return [...byId.values()].sort((a, b) => b.time - a.time || b.id - a.id)
}

/** The latest GPU reading of a series. */
export function latestGpu(series: MetricsSeries): GpuSample | null {
  return series.gpu.at(-1) ?? null
}

/** Each target's samples with the batch's appended. */
function appendTargets(targets: Record<string, TargetSample[]>, samples: readonly TargetSample[]): Record<string, TargetSample[]> {
  if (samples.length === 0) return targets
  const next = { ...targets }
  for (const sample of samples) next[sample.targetId] = capped(next[sample.targetId] ?? [], [sample])
  return next
}

export function createSystemStore(api: Pick<WorkbenchApi, 'invoke'>): SystemStore {
  // Bumped by every show/hide, so that a slow answer for a view since left is dropped.
  let generation = 0
  return createStore<SystemState & SystemActions>()((set, get) => ({
    source: null,
    status: 'idle',
    loadError: null,
    series: emptySeries(),
    health: [],
    alerts: [],

    async show(source) {
      const mine = ++generation
      set({ source, status: 'loading', loadError: null, series: emptySeries(), health: [], alerts: [] })
      try {
        if (source.kind === 'live') {
          const [series, { health, alerts }] = await Promise.all([api.invoke('metrics.series', undefined), api.invoke('metrics.alerts', undefined)])
          if (mine !== generation) return
          set({ status: 'loaded', series, health, alerts })
        } else {
          const recorded = await api.invoke('metrics.session', { sessionId: source.sessionId })
          if (mine !== generation) return
          // A recording has no health of the moment: its alerts tell what went wrong.
          set({ status: 'loaded', series: recorded.series, health: [], alerts: recorded.alerts })
        }
      } catch (error) {
        if (mine !== generation) return
        set({ status: 'loaded', loadError: errorMessage(error) })
      }
    },

    hide() {
      generation++
      set({ source: null, status: 'idle' })
    },

    handleBatch(batch) {
      const { source, status, series, alerts } = get()
      // Batches before the first read are in what it returns; a recording's samples never change.
      if (source?.kind !== 'live' || status !== 'loaded') return
      set({
        series: {
          intervalMs: series.intervalMs,
          host: capped(series.host, batch.host),
          gpu: capped(series.gpu, batch.gpu),
          targets: appendTargets(series.targets, batch.targets)
        },
        health: batch.health,
        alerts: mergeAlerts(alerts, batch.alerts)
      })
    }
  }))
}

/** A System store fed by the engine's metric batches (its series read again on every reconnect); `dispose` stops both. */
export function connectSystemStore(client: WorkbenchClient): { store: SystemStore; dispose(): void } {
  const store = createSystemStore(client)
  const offs = [
    client.on('metrics.batch', (batch) => store.getState().handleBatch(batch)),
    client.onConnection((state) => {
      const { source } = store.getState()
      if (state === 'connected' && source) void store.getState().show(source)
    })
  ]
  return { store, dispose: () => offs.forEach((off) => off()) }
}
