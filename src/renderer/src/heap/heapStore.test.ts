import { describe, expect, it } from 'vitest'
import type { RequestParams } from '../../../shared/api'
import type { HeapSnapshotItem, HeapTrendSeries, LeakFlowState } from '../../../shared/heapApi'
import type { HeapConstructorRow } from '../../../shared/heapTypes'
import { MemoryClient, settle } from '../testing/memoryClient'
import { connectHeapStore, createHeapStore, defaultBase, heapPageSize, type HeapFileTransfer } from './heapStore'
import { emptyTrend, mergeTrend } from './heapTrendBuffer'

function snapshot(id: string, patch: Partial<HeapSnapshotItem> = {}): HeapSnapshotItem {
  return {
    id,
    name: `${id}.heapsnapshot`,
    source: 'capture',
    targetId: 't1',
    sessionId: null,
    file: `/data/heap/${id}.heapsnapshot`,
    capturedAt: 1000,
    fileBytes: 4096,
    state: 'ready',
    error: null,
    gc: { beforeBytes: 10, afterBytes: 4, freedBytes: 6 },
    nodeCount: 100,
    edgeCount: 300,
    totalSize: 5000,
    leakStep: null,
    ...patch
  }
}

const constructors: HeapConstructorRow[] = Array.from({ length: 450 }, (_, i) => ({ name: `Class${i}`, count: 450 - i, shallowSize: 10 * (450 - i), retainedSize: 20 * (450 - i) }))

function trendAnswer(targetId: string, times: number[], used: number[], leak = false): HeapTrendSeries {
  return {
    targetId,
    intervalMs: 1000,
    time: times,
    usedBytes: used,
    totalBytes: used.map((u) => u * 2),
    gcTime: [times[0]],
    gcKind: ['major'],
    gcDurationMs: [3],
    verdict: { slopeBytesPerSec: leak ? 5000 : 0, riseBytes: 0, floorBytes: null, leakSuspected: leak, reason: leak ? 'keeps rising' : 'steady', samples: times.length, minima: 0, spanMs: 0 }
  }
}

const noFiles: HeapFileTransfer = {
  upload: async (file) => `/uploads/${file.name}`,
  pathOf: () => null,
  download: async () => undefined
}

/** A stub engine with a list of snapshots, a paged summary and a trend. */
function engine(list: HeapSnapshotItem[]): MemoryClient {
  return new MemoryClient({
    'heap.list': () => list,
    'heap.trend': ({ targetId, since }) => {
      const all = [1000, 2000, 3000, 4000]
      const times = all.filter((t) => since === undefined || t > since)
      return trendAnswer(targetId, times, times.map((t) => t * 10))
    },
    'heap.leakFlow': () => null,
    'heap.samplingStatus': ({ targetId }) => ({ targetId, running: false, startedAt: null, intervalBytes: null }),
    'heap.summary': ({ search, offset = 0, limit = 100 }) => {
      const rows = constructors.filter((c) => !search || c.name.toLowerCase().includes(search.toLowerCase()))
      return { total: rows.length, offset, rows: rows.slice(offset, offset + limit) }
    },
    'heap.objects': ({ constructorName, newSince, offset = 0 }) => ({
      total: 2,
      offset,
      rows: [1, 2].map((n) => ({ nodeId: n, name: constructorName, type: 'object', shallowSize: 16, retainedSize: newSince ? 99 : 32, distance: 2, value: null }))
    }),
    'heap.object': ({ nodeId }) => ({
      object: { nodeId, name: 'Class0', type: 'object', shallowSize: 16, retainedSize: 32, distance: 2, value: null },
      dominatorId: 1,
      edges: { total: 0, offset: 0, rows: [] },
      retainers: { total: 0, offset: 0, rows: [] }
    }),
    'heap.retainerPaths': () => [{ steps: [], truncated: false }],
    'heap.diff': ({ beforeId, afterId }) => ({
      total: 1,
      offset: 0,
      rows: [{ name: `${beforeId}→${afterId}`, countA: 1, countB: 3, countDelta: 2, sizeA: 10, sizeB: 30, sizeDelta: 20, newCount: 2, newSize: 20, deletedCount: 0, deletedSize: 0 }]
    })
  })
}

const summaryCalls = (client: MemoryClient): RequestParams<'heap.summary'>[] => client.callsOf('heap.summary') as RequestParams<'heap.summary'>[]

describe('memory store', () => {
  it('lists the snapshots, selects the newest and pages through its summary', async () => {
    const client = engine([snapshot('a', { capturedAt: 1 }), snapshot('b', { capturedAt: 2 })])
    const store = createHeapStore(client, noFiles)
    store.getState().show('t1', false)
    await settle()
    const s = store.getState()
    expect(s.snapshots.map((x) => x.id)).toEqual(['a', 'b'])
    expect(s.selectedId).toBe('b')
    expect(s.baseId).toBe('a')
    expect(s.summary.rows).toHaveLength(heapPageSize)
    expect(s.summary.total).toBe(450)
    expect(summaryCalls(client)[0]).toEqual({ snapshotId: 'b', sort: 'retainedSize', search: undefined, offset: 0, limit: heapPageSize })

    await store.getState().loadMoreSummary()
    await store.getState().loadMoreSummary()
    expect(store.getState().summary.rows.map((r) => r.name).slice(-1)).toEqual(['Class449'])
    const calls = client.calls.length
    await store.getState().loadMoreSummary()
    expect(client.calls.length).toBe(calls)

    store.getState().setSort('count')
    store.getState().setSearch('  class44 ')
    await settle()
    expect(summaryCalls(client).at(-1)).toMatchObject({ sort: 'count', search: 'class44', offset: 0 })
    expect(store.getState().summary.total).toBe(11)
  })

  it('drills from a constructor to its objects, one object and its retainer paths', async () => {
    const client = engine([snapshot('a')])
    const store = createHeapStore(client, noFiles)
    store.getState().show('t1', false)
    await settle()
    store.getState().selectConstructor('Class3')
    await settle()
    expect(store.getState().objects.rows.map((o) => o.nodeId)).toEqual([1, 2])
    store.getState().selectObject(2)
    await settle()
    expect(store.getState().detail?.object.nodeId).toBe(2)
    expect(store.getState().paths).toHaveLength(1)
    expect(client.callsOf('heap.retainerPaths')).toEqual([{ snapshotId: 'a', nodeId: 2, maxPaths: 5 }])
    // Another snapshot: the drill-down starts over.
    store.getState().handleChanged([snapshot('a'), snapshot('b', { capturedAt: 5000 })])
    store.getState().select('b')
    expect(store.getState().constructorName).toBeNull()
    expect(store.getState().detail).toBeNull()
  })

  it('compares the selected snapshot with an earlier one and lists the new objects of a class', async () => {
    const client = engine([snapshot('a', { capturedAt: 1 }), snapshot('b', { capturedAt: 2 }), snapshot('c', { capturedAt: 3 })])
    const store = createHeapStore(client, noFiles)
    store.getState().show('t1', false)
    await settle()
    store.getState().setTab('comparison')
    await settle()
    expect(store.getState().diff.rows[0].name).toBe('b→c')
    store.getState().setBase('a')
    await settle()
    expect(store.getState().diff.rows[0].name).toBe('a→c')
    store.getState().selectConstructor('Foo')
    await settle()
    expect(client.callsOf('heap.objects').at(-1)).toMatchObject({ snapshotId: 'c', constructorName: 'Foo', newSince: 'a' })
  })

  it('waits for a snapshot still being analysed and shows its rows once ready', async () => {
    const client = engine([])
    const store = createHeapStore(client, noFiles)
    store.getState().show('t1', false)
    await settle()
    store.getState().handleChanged([snapshot('a', { state: 'loading' })])
    store.getState().handleProgress({ snapshotId: 'a', phase: 'parsing', done: 10, total: 100 })
    await settle()
    expect(store.getState().selectedId).toBe('a')
    expect(summaryCalls(client)).toEqual([])
    expect(store.getState().progress.a.done).toBe(10)
    store.getState().handleChanged([snapshot('a', { state: 'ready' })])
    await settle()
    expect(summaryCalls(client)).toHaveLength(1)
    expect(store.getState().summary.status).toBe('loaded')
  })

  it('takes a snapshot of its target and imports dropped files through the transfer', async () => {
    const client = engine([])
    client.handlers['heap.take'] = ({ targetId }) => snapshot('new', { targetId, state: 'loading' })
    client.handlers['heap.import'] = ({ path }) => snapshot('imp', { source: 'import', file: path ?? '', targetId: null })
    const store = createHeapStore(client, noFiles)
    store.getState().show('t1', false)
    await settle()
    await store.getState().take()
    expect(client.callsOf('heap.take')).toEqual([{ targetId: 't1' }])
    expect(store.getState().selectedId).toBe('new')
    await store.getState().importFile(new File(['{}'], 'app.heapsnapshot'))
    expect(client.callsOf('heap.import')).toEqual([{ path: '/uploads/app.heapsnapshot', name: 'app.heapsnapshot' }])
    expect(store.getState().selectedId).toBe('imp')
    await store.getState().importFile(new File(['{}'], 'notes.txt'))
    expect(store.getState().error).toBe('Could not import notes.txt: not a .heapsnapshot file')
    client.handlers['heap.take'] = () => {
      throw { code: 'TARGET_EXITED', message: 'the target is not attached: its heap cannot be reached' }
    }
    await store.getState().take()
    expect(store.getState().error).toBe('Could not take a heap snapshot: the target is not attached: its heap cannot be reached')
    expect(store.getState().busy).toBeNull()
  })

  it('saves a snapshot with a download in the browser and through the engine in the desktop app', async () => {
    const downloads: Array<[string, string]> = []
    const files: HeapFileTransfer = { ...noFiles, download: async (id, name) => void downloads.push([id, name]) }
    const client = engine([snapshot('a', { name: 'app at 10:00' }), snapshot('b', { name: 'b.heapsnapshot' })])
    client.handlers['app.info'] = () => ({ name: 'Spyglass', version: 't', shell: 'web', platform: 'linux', nodeVersion: 'v20' })
    const store = createHeapStore(client, files)
    store.getState().show('t1', false)
    await settle()
    await store.getState().exportSnapshot('a')
    await store.getState().exportSnapshot('b')
    expect(downloads).toEqual([['a', 'a.heapsnapshot'], ['b', 'b.heapsnapshot']])

    const desktop = engine([snapshot('a')])
    desktop.handlers['app.info'] = () => ({ name: 'Spyglass', version: 't', shell: 'electron', platform: 'linux', nodeVersion: 'v20' })
    desktop.handlers['heap.export'] = () => ({ file: '/chosen/a.heapsnapshot' })
    const app = createHeapStore(desktop, files)
    await app.getState().exportSnapshot('a')
    expect(desktop.callsOf('heap.export')).toEqual([{ snapshotId: 'a' }])
    expect(downloads).toHaveLength(2)
  })

  it('follows the trend of its target: only new samples are fetched, on ticks for that target', async () => {
    const client = engine([])
    const { store } = connectHeapStore(client, noFiles)
    store.getState().show('t1', false)
    await settle()
    expect(store.getState().trend?.time).toEqual([1000, 2000, 3000, 4000])
    expect(store.getState().trend?.gcMarks).toEqual([{ time: 1000, kind: 'major', durationMs: 3 }])
    client.emit('heap.trendTick', { targetIds: ['other'] })
    await settle()
    expect(client.callsOf('heap.trend')).toHaveLength(1)
    client.emit('heap.trendTick', { targetIds: ['t1'] })
    await settle()
    expect(client.callsOf('heap.trend').at(-1)).toEqual({ targetId: 't1', since: 4000 })
  })

  it('runs the leak finder step by step and follows its events', async () => {
    const client = engine([])
    const steps: LeakFlowState['step'][] = ['action', 'final', 'done']
    client.handlers['heap.leakFlowNext'] = ({ targetId }) => ({
      targetId,
      step: steps.shift()!,
      busy: false,
      baselineId: 'a',
      targetSnapshotId: null,
      finalId: null,
      gc: { baseline: { beforeBytes: 9, afterBytes: 4, freedBytes: 5 } },
      leaks: null,
      error: null
    })
    client.handlers['heap.leakFlowCancel'] = () => undefined
    const { store } = connectHeapStore(client, noFiles)
    store.getState().show('t1', false)
    await settle()
    await store.getState().flowNext()
    expect(store.getState().flow?.step).toBe('action')
    client.emit('heap.leakFlowChanged', { ...store.getState().flow!, busy: true })
    expect(store.getState().flow?.busy).toBe(true)
    client.emit('heap.leakFlowChanged', { ...store.getState().flow!, targetId: 'other', step: 'done' })
    expect(store.getState().flow?.step).toBe('action')
    await store.getState().flowCancel()
    expect(store.getState().flow).toBeNull()
  })

  it('shows the final snapshot once the leak finder is done, even when the list announces it later', async () => {
    const client = engine([snapshot('a', { capturedAt: 1 })])
    const { store } = connectHeapStore(client, noFiles)
    store.getState().show('t1', false)
    await settle()
    const flow: LeakFlowState = { targetId: 't1', step: 'done', busy: false, baselineId: 'b', targetSnapshotId: 'c', finalId: 'd', gc: {}, leaks: { leaks: [] }, error: null }
    client.emit('heap.leakFlowChanged', flow)
    expect(store.getState().selectedId).toBe('a')
    client.emit('heap.changed', ['a', 'b', 'c', 'd'].map((id, i) => snapshot(id, { capturedAt: i + 1 })))
    expect(store.getState().selectedId).toBe('d')
    expect(store.getState().baseId).toBe('c')
  })

  it('shows a recording with its recorded trend, without asking for live state', async () => {
    const client = engine([])
    const store = createHeapStore(client, noFiles)
    store.getState().show('rec1', true)
    await settle()
    expect(client.callsOf('heap.trend')).toEqual([{ targetId: 'rec1', since: undefined }])
    expect(store.getState().trend?.time).toHaveLength(4)
    expect(client.callsOf('heap.leakFlow')).toEqual([])
    expect(client.callsOf('heap.samplingStatus')).toEqual([])
  })
})

describe('defaultBase', () => {
  it('picks the latest ready snapshot of the same target taken before', () => {
    const list = [
      snapshot('a', { capturedAt: 1 }),
      snapshot('b', { capturedAt: 2, targetId: 'other' }),
      snapshot('c', { capturedAt: 3, state: 'failed' }),
      snapshot('d', { capturedAt: 4 })
    ]
    expect(defaultBase(list, 'd')).toBe('a')
    expect(defaultBase(list, 'a')).toBeNull()
    expect(defaultBase(list, 'missing')).toBeNull()
  })
})

describe('mergeTrend', () => {
  it('appends only later samples and keeps the newest within capacity', () => {
    let trend = mergeTrend(emptyTrend('t1'), trendAnswer('t1', [1, 2, 3], [10, 20, 30]))
    trend = mergeTrend(trend, trendAnswer('t1', [3, 4, 5], [30, 40, 50], true), 4)
    expect(trend.time).toEqual([2, 3, 4, 5])
    expect(trend.usedBytes).toEqual([20, 30, 40, 50])
    expect(trend.totalBytes).toEqual([40, 60, 80, 100])
    expect(trend.verdict?.leakSuspected).toBe(true)
    // Another target's answer starts over.
    expect(mergeTrend(trend, trendAnswer('t2', [9], [90])).time).toEqual([9])
  })
})
