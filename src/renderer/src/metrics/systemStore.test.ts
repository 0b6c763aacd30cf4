import { describe, expect, it } from 'vitest'
import type { HostSample, MetricAlert, MetricsBatch, MetricsSeries, TargetSample } from '../../../shared/metricsTypes'
import { MemoryClient, settle } from '../testing/memoryClient'
import { connectSystemStore, maxSamples, mergeAlerts } from './systemStore'
import { systemPanels, timeRange, formatValue } from './systemCharts'

function host(time: number, cpuPct = 10): HostSample {
  return {
    time,
    cpuPct,
    cpuCoresPct: [cpuPct],
    memTotalBytes: 100,
    memUsedBytes: 50,
    memAvailableBytes: 50,
    memUsedPct: 50,
    swapTotalBytes: 0,
    swapUsedBytes: 0,
    diskUsedBytes: null,
    diskTotalBytes: null,
    diskUsedPct: null,
    diskReadBytesPerSec: null,
    diskWriteBytesPerSec: null,
    netRxBytesPerSec: null,
    netTxBytesPerSec: null,
    load1: 0,
    load5: 0,
    load15: 0
  }
}

function target(targetId: string, time: number): TargetSample {
  return {
    time,
    targetId,
    pid: 42,
    cpuPct: 5,
    rssBytes: 1e8,
    heapUsedBytes: 1e7,
    heapTotalBytes: 2e7,
    heapLimitBytes: 4e9,
    externalBytes: 1e5,
    eventLoopDelayP50Ms: 10,
    eventLoopDelayP99Ms: 12,
    eventLoopDelayMaxMs: 30,
    eventLoopUtilization: 0.1,
    gcCount: 1,
    gcPauseMs: 2,
    gcMaxPauseMs: 2,
    gpuMemoryMiB: null
  }
}

function alert(id: number, time: number, resolvedAt: number | null = null): MetricAlert {
  return { id, time, since: time - 1000, metric: 'hostMemoryPct', subject: 'host', subjectLabel: 'host', state: 'warn', value: 90, peak: 91, threshold: 85, resolvedAt }
}

const batch = (patch: Partial<MetricsBatch>): MetricsBatch => ({ host: [], gpu: [], targets: [], health: [], alerts: [], ...patch })

function liveClient(series: MetricsSeries) {
  return new MemoryClient({
    'metrics.series': () => series,
    'metrics.alerts': () => ({ health: [], alerts: [alert(1, 500)] }),
    'metrics.session': ({ sessionId }) => ({ sessionId, series: { ...series, intervalMs: 1000 }, alerts: [alert(7, 100, 200)] })
  })
}

describe('system store', () => {
  it('reads the series when shown live, then follows batches (capped), merging alerts by id', async () => {
    const client = liveClient({ intervalMs: 1000, host: [host(1000)], gpu: [], targets: {} })
    const { store } = connectSystemStore(client)
    // A batch before the first read is part of what the read returns: ignored.
    client.emit('metrics.batch', batch({ host: [host(999)] }))
    await store.getState().show({ kind: 'live' })
    expect(store.getState().series.host.map((h) => h.time)).toEqual([1000])
    client.emit('metrics.batch', batch({ host: [host(2000), host(3000)], targets: [target('t1', 2000)], alerts: [alert(1, 500, 2500), alert(2, 3000)] }))
    const s = store.getState()
    expect(s.series.host.map((h) => h.time)).toEqual([1000, 2000, 3000])
    expect(s.series.targets.t1).toHaveLength(1)
    expect(s.alerts.map((a) => [a.id, a.resolvedAt])).toEqual([
      [2, null],
      [1, 2500]
    ])
    client.emit('metrics.batch', batch({ host: Array.from({ length: maxSamples + 5 }, (_, i) => host(10_000 + i)) }))
    expect(store.getState().series.host).toHaveLength(maxSamples)
    expect(store.getState().series.host.at(-1)!.time).toBe(10_000 + maxSamples + 4)
  })

  it('shows an opened session from its recorded samples, which batches leave alone; hidden, it ignores them', async () => {
    const client = liveClient({ intervalMs: 1000, host: [host(1000)], gpu: [], targets: {} })
    const { store } = connectSystemStore(client)
    await store.getState().show({ kind: 'recorded', sessionId: 's1' })
    expect(client.callsOf('metrics.session')).toEqual([{ sessionId: 's1' }])
    expect(store.getState().alerts.map((a) => a.id)).toEqual([7])
    client.emit('metrics.batch', batch({ host: [host(5000)] }))
    expect(store.getState().series.host).toHaveLength(1)
    store.getState().hide()
    client.emit('metrics.batch', batch({ host: [host(6000)] }))
    expect(store.getState().series.host).toHaveLength(1)
  })

  it('reads again after a reconnect, and says so in one line when reading fails', async () => {
    const client = liveClient({ intervalMs: 1000, host: [], gpu: [], targets: {} })
    const { store } = connectSystemStore(client)
    await store.getState().show({ kind: 'live' })
    client.handlers['metrics.series'] = () => {
      throw { code: 'INTERNAL', message: 'engine gone' }
    }
    client.setConnection('connected')
    await settle()
    expect(store.getState().loadError).toBe('engine gone')
  })

  it('merges alert versions by id, newest first', () => {
    expect(mergeAlerts([alert(1, 100)], [alert(1, 100, 300), alert(2, 200)]).map((a) => [a.id, a.resolvedAt])).toEqual([
      [2, null],
      [1, 300]
    ])
  })
})

describe('system charts', () => {
  it('builds host panels always, GPU and process panels when there are samples, on one time range', () => {
    const series: MetricsSeries = {
      intervalMs: 1000,
      host: [host(1000), host(2000)],
      gpu: [],
      targets: { t1: [target('t1', 1500)], t2: [target('t2', 2500)] }
    }
    const panels = systemPanels(series, (id) => `app ${id}`, 't1')
    expect(panels.map((p) => p.id)).toEqual(['host-cpu', 'host-memory', 'target-cpu', 'target-heap', 'target-eld'])
    // The selected target also gets its RSS and its event-loop max.
    expect(panels.find((p) => p.id === 'target-heap')!.lines.map((l) => l.name)).toEqual(['app t1', 'app t1 RSS', 'app t2'])
    expect(timeRange(series)).toEqual([1000, 2500])
    expect(timeRange({ intervalMs: 0, host: [], gpu: [], targets: {} })).toBeNull()
    expect([formatValue(55.5, 'pct'), formatValue(2048, 'MiB'), formatValue(5 * 1024 * 1024, 'bytes'), formatValue(null, 'ms')]).toEqual(['56%', '2.0 GiB', '5.0 MiB', '–'])
  })
})
