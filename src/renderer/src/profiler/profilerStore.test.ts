import { describe, expect, it } from 'vitest'
import type { RequestParams } from '../../../shared/api'
import type { FlameFunctions, FlameGraphData, ProfileFunctionTableRow, ProfileInfo } from '../../../shared/profilerApi'
import { MemoryClient, settle } from '../testing/memoryClient'
import { pickProfile, type ProfileFileTransfer } from './profilerFacts'
import { connectProfilerStore, createProfilerStore, functionsPageSize } from './profilerStore'

function profile(id: string, patch: Partial<ProfileInfo> = {}): ProfileInfo {
  return {
    id,
    name: `${id}.cpuprofile`,
    source: 'import',
    targetId: null,
    sessionId: null,
    capturedAt: 1000,
    fileBytes: 2048,
    state: 'ready',
    error: null,
    summary: null,
    hasCallCounts: false,
    sourceMapped: false,
    ...patch
  }
}

function row(index: number, patch: Partial<ProfileFunctionTableRow> = {}): ProfileFunctionTableRow {
  return {
    index,
    functionName: `fn${index}`,
    url: `file:///app/f${index}.js`,
    line: index + 1,
    column: 1,
    category: 'app',
    packageName: null,
    selfMs: 1000 - index,
    selfPct: 1,
    totalMs: 2000 - index,
    totalPct: 2,
    calls: null,
    msPerCall: null,
    ...patch
  }
}

const noFunctions: FlameFunctions = { index: [], name: [], url: [], line: [], category: [], packageName: [] }

function flame(profileId: string, focus: number): FlameGraphData {
  return {
    profileId,
    focus,
    focusPath: focus === 0 ? [0] : [0, focus],
    focusPathFn: [],
    rootTotalMs: 100,
    focusStartMs: 0,
    focusTotalMs: 100,
    startMs: 0,
    endMs: 100,
    minMs: 0.1,
    culled: 0,
    count: 0,
    node: [],
    parent: [],
    fn: [],
    depth: [],
    startMsOf: [],
    totalMs: [],
    selfMs: [],
    functions: noFunctions
  }
}

/** A stub engine over `profiles` and `rows` (sorted and paged as the engine would, by self or name). */
function engine(profiles: ProfileInfo[], rows: ProfileFunctionTableRow[] = [], shell: 'web' | 'electron' = 'web'): MemoryClient {
  return new MemoryClient({
    'app.info': () => ({ name: 'Spyglass', version: '0', shell, platform: 'linux', nodeVersion: 'v24' }),
    'profiler.list': () => profiles,
    'profiler.groups': () => [{ index: 0, name: 'your code', category: 'app', selfMs: 10, selfPct: 100, totalMs: 10, totalPct: 100 }],
    'profiler.functions': ({ sort = 'self', descending = true, search, offset = 0, limit = 100 }) => {
      const matching = rows.filter((r) => !search || r.functionName.includes(search))
      const sorted = [...matching].sort((a, b) => (sort === 'name' ? a.functionName.localeCompare(b.functionName) : a.selfMs - b.selfMs) * (descending ? -1 : 1))
      return { total: sorted.length, rows: sorted.slice(offset, offset + limit) }
    },
    'profiler.flame': ({ profileId, focus = 0 }) => flame(profileId, focus),
    'profiler.status': ({ targetId }) => ({ targetId, running: false, startedAt: null, intervalUs: null, stopsOn: null, stopsAt: null }),
    'profiler.nodesOf': ({ functionIndex }) => [functionIndex * 10, functionIndex * 10 + 1],
    'profiler.sandwich': ({ profileId, functionIndex }) => ({
      profileId,
      function: row(functionIndex),
      callers: { count: 0, parent: [], fn: [], depth: [], startMsOf: [], totalMs: [], selfMs: [] },
      callees: { count: 0, parent: [], fn: [], depth: [], startMsOf: [], totalMs: [], selfMs: [] },
      functions: noFunctions
    })
  })
}

function transfer(): ProfileFileTransfer & { uploads: string[]; downloads: string[] } {
  const uploads: string[] = []
  const downloads: string[] = []
  return {
    uploads,
    downloads,
    async upload(file) {
      uploads.push(file.name)
      return `/host/uploads/${file.name}`
    },
    async download(id) {
      downloads.push(id)
    },
    pathOf: (file) => `/dropped/${file.name}`
  }
}

const file = (name: string): File => new File(['{}'], name)
const params = <N extends 'profiler.functions' | 'profiler.flame' | 'profiler.start' | 'profiler.import'>(client: MemoryClient, name: N) => client.callsOf(name) as RequestParams<N>[]

describe('profiler store', () => {
  it('lists profiles newest first and shows the newest of the viewed target, loading its table and groups', async () => {
    const client = engine([profile('old', { capturedAt: 1 }), profile('mine', { capturedAt: 2, targetId: 't1', source: 'capture' }), profile('new', { capturedAt: 3 })], [row(0), row(1)])
    const store = createProfilerStore(client, transfer())
    store.getState().show('t1', false)
    await settle()
    const s = store.getState()
    expect(s.profiles.map((p) => p.id)).toEqual(['new', 'mine', 'old'])
    expect(s.selectedId).toBe('mine')
    expect(s.rows.map((r) => r.index)).toEqual([0, 1])
    expect(s.groups).toHaveLength(1)
    expect(client.callsOf('profiler.status')).toEqual([{ targetId: 't1' }])
    expect(params(client, 'profiler.functions')[0]).toEqual({ profileId: 'mine', sort: 'self', descending: true, offset: 0, limit: functionsPageSize })
    // Nothing of the target: the newest overall; failed profiles are never picked.
    expect(pickProfile([profile('a', { capturedAt: 5, state: 'failed' }), profile('b', { capturedAt: 1 })], 'tX')).toBe('b')
  })

  it('shows progress while a profile loads and loads its data once it is ready', async () => {
    const loading = profile('big', { state: 'loading' })
    const client = engine([loading], [row(0)])
    const store = createProfilerStore(client, transfer())
    store.getState().show(null, true)
    await settle()
    expect(store.getState().selectedId).toBe('big')
    expect(client.callsOf('profiler.functions')).toHaveLength(0)
    store.getState().handleProgress({ profileId: 'big', phase: 'reading', bytesRead: 50, totalBytes: 100 })
    expect(store.getState().progress.big?.bytesRead).toBe(50)
    // A read-only session asks no capture state.
    expect(client.callsOf('profiler.status')).toHaveLength(0)
    store.getState().handleChanged([{ ...loading, state: 'ready' }])
    await settle()
    expect(store.getState().progress.big).toBeUndefined()
    expect(store.getState().rows).toHaveLength(1)
  })

  it('sorts, searches and filters on the engine, pages without duplicates and drops stale answers', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => row(i))
    const client = engine([profile('p')], rows)
    const store = createProfilerStore(client, transfer())
    store.getState().show(null, false)
    await settle()
    expect(store.getState().rows).toHaveLength(functionsPageSize)
    await store.getState().loadMore()
    await store.getState().loadMore()
    expect(store.getState().rows).toHaveLength(450)
    expect(new Set(store.getState().rows.map((r) => r.index)).size).toBe(450)

    const version = store.getState().queryVersion
    store.getState().setSort('self')
    await settle()
    expect(params(client, 'profiler.functions').at(-1)).toMatchObject({ sort: 'self', descending: false, offset: 0 })
    expect(store.getState().rows[0].index).toBe(449)
    store.getState().setSort('name')
    store.getState().setGroupFilter({ category: 'npm', packageName: 'left-pad' })
    store.getState().setSearch('fn4')
    await settle()
    expect(params(client, 'profiler.functions').at(-1)).toMatchObject({ sort: 'name', descending: false, search: 'fn4', category: 'npm', packageName: 'left-pad' })
    expect(store.getState().queryVersion).toBe(version + 4)

    const fast = client.handlers['profiler.functions']!
    let release: () => void = () => {}
    client.handlers['profiler.functions'] = (p) => (p.search === 'slow' ? new Promise((resolve) => (release = () => resolve(fast(p)))) : fast(p))
    store.getState().setSearch('slow')
    store.getState().setSearch('fn40')
    await settle()
    release()
    await settle()
    expect(store.getState().search).toBe('fn40')
    expect(store.getState().rows.every((r) => r.functionName.includes('fn40'))).toBe(true)
    expect(store.getState().rows.length).toBeGreaterThan(0)
  })

  it('selects a function: its sandwich and its nodes for the flame views; the answer to an older pick is dropped', async () => {
    const client = engine([profile('p')], [row(3)])
    const store = createProfilerStore(client, transfer())
    store.getState().show(null, false)
    await settle()
    const slow = client.handlers['profiler.sandwich']!
    let release: () => void = () => {}
    client.handlers['profiler.sandwich'] = (p) => (p.functionIndex === 1 ? new Promise((resolve) => (release = () => resolve(slow(p)))) : slow(p))
    store.getState().selectFunction(1)
    store.getState().selectFunction(3)
    await settle()
    release()
    await settle()
    const s = store.getState()
    expect(s.selectedFunction).toBe(3)
    expect(s.sandwich?.function.index).toBe(3)
    expect([...(s.highlightNodes ?? [])]).toEqual([30, 31])
    store.getState().selectFunction(null)
    expect(store.getState().sandwich).toBeNull()
    expect(store.getState().highlightNodes).toBeNull()
  })

  it('asks for flame payloads of the focused subtree and keeps only the newest answer', async () => {
    const client = engine([profile('p')])
    const store = createProfilerStore(client, transfer())
    store.getState().show(null, false)
    await settle()
    await store.getState().requestFlame({ startMs: 10, endMs: 20, widthPx: 800 })
    expect(params(client, 'profiler.flame').at(-1)).toEqual({ profileId: 'p', focus: 0, startMs: 10, endMs: 20, widthPx: 800 })
    await store.getState().focusOn(42, 800)
    expect(store.getState().flame?.focus).toBe(42)
    expect(params(client, 'profiler.flame').at(-1)).toEqual({ profileId: 'p', focus: 42, widthPx: 800 })

    const fast = client.handlers['profiler.flame']!
    let release: () => void = () => {}
    client.handlers['profiler.flame'] = (p) => (p.focus === 7 ? new Promise((resolve) => (release = () => resolve(fast(p)))) : fast(p))
    const older = store.getState().focusOn(7, 800)
    await store.getState().focusOn(0, 800)
    release()
    await older
    expect(store.getState().flame?.focus).toBe(0)
  })

  it('captures with the chosen options and shows the profile a capture produced', async () => {
    const client = engine([])
    client.handlers['profiler.start'] = (p) => ({ targetId: p.targetId, running: true, startedAt: 5, intervalUs: p.intervalUs ?? 1000, stopsOn: p.durationMs ? 'duration' : 'request', stopsAt: p.durationMs ? 5 + p.durationMs : null })
    client.handlers['profiler.stop'] = ({ targetId }) => profile('cap1', { source: 'capture', targetId, capturedAt: 9 })
    const store = createProfilerStore(client, transfer())
    store.getState().show('t1', false)
    await settle()
    store.getState().setCaptureOptions({ intervalUs: 250, durationMs: 5000, callCounts: true })
    await store.getState().startCapture('t1')
    expect(params(client, 'profiler.start')[0]).toEqual({ targetId: 't1', intervalUs: 250, durationMs: 5000, callCounts: true })
    expect(store.getState().captures.t1).toMatchObject({ running: true, stopsOn: 'duration', stopsAt: 5005 })
    await store.getState().stopCapture('t1')
    expect(store.getState().captures.t1.running).toBe(false)
    expect(store.getState().selectedId).toBe('cap1')

    // A capture that ended by itself (duration, breakpoint) arrives as a list change: shown too.
    store.getState().handleChanged([profile('cap1', { source: 'capture', targetId: 't1' }), profile('cap2', { source: 'capture', targetId: 't1', capturedAt: 20 })])
    expect(store.getState().selectedId).toBe('cap2')
    // Another target's new capture does not take the view away.
    store.getState().handleChanged([profile('cap2', { source: 'capture', targetId: 't1' }), profile('cap3', { source: 'capture', targetId: 't9', capturedAt: 30 })])
    expect(store.getState().selectedId).toBe('cap2')

    client.handlers['profiler.start'] = () => Promise.reject({ code: 'TARGET_EXITED', message: 'the target is not attached\nstack' })
    await store.getState().startCapture('t1')
    expect(store.getState().error).toBe('Could not start profiling: the target is not attached')
  })

  it('imports: the browser uploads first, the desktop app imports by path or with its dialog; exports either way', async () => {
    const web = engine([])
    web.handlers['profiler.import'] = ({ path }) => profile('imp', { name: path!.split('/').pop()!, capturedAt: 50 })
    const files = transfer()
    const store = createProfilerStore(web, files)
    await store.getState().importFile(file('notes.txt'))
    expect(store.getState().error).toMatch(/Only \.cpuprofile files/)
    await store.getState().importFile(file('run.cpuprofile'))
    expect(files.uploads).toEqual(['run.cpuprofile'])
    expect(params(web, 'profiler.import')).toEqual([{ path: '/host/uploads/run.cpuprofile', name: 'run.cpuprofile' }])
    expect(store.getState().selectedId).toBe('imp')
    expect(store.getState().importing).toBeNull()
    await store.getState().importDialog()
    expect(store.getState().pickRequest).toBe(1)
    await store.getState().exportProfile('imp')
    expect(files.downloads).toEqual(['imp'])

    const desktop = engine([], [], 'electron')
    desktop.handlers['profiler.import'] = ({ path }) => (path ? profile('dropped') : null)
    desktop.handlers['profiler.export'] = () => ({ file: '/x.cpuprofile' })
    const d = createProfilerStore(desktop, transfer())
    await d.getState().importFile(file('a.cpuprofile'))
    expect(params(desktop, 'profiler.import')).toEqual([{ path: '/dropped/a.cpuprofile', name: 'a.cpuprofile' }])
    await d.getState().importDialog()
    expect(params(desktop, 'profiler.import').at(-1)).toEqual({})
    expect(d.getState().selectedId).toBe('dropped')
    await d.getState().exportProfile('dropped')
    expect(desktop.callsOf('profiler.export')).toEqual([{ profileId: 'dropped' }])
  })

  it('shows the newest profile of another target when the view switches to it, and a session\'s profiles once they arrive', async () => {
    const client = engine([profile('imp', { capturedAt: 9 }), profile('t2a', { targetId: 't2', capturedAt: 3 })])
    const store = createProfilerStore(client, transfer())
    store.getState().show('t1', false)
    await settle()
    expect(store.getState().selectedId).toBe('imp')
    store.getState().show('t2', false)
    expect(store.getState().selectedId).toBe('t2a')
    // Back on a target without profiles: the selection stays.
    store.getState().show('t1', false)
    expect(store.getState().selectedId).toBe('t2a')
    // A session opened: its target is shown, then its profiles are listed.
    store.getState().show('rec1', true)
    store.getState().handleChanged([...store.getState().profiles, profile('s1', { source: 'session', targetId: 'rec1', sessionId: 'S', capturedAt: 1 })])
    expect(store.getState().selectedId).toBe('s1')
  })

  it('keeps the view of an imported profile that the list already showed before the import answered', async () => {
    const client = engine([])
    let answer: (p: ProfileInfo) => void = () => {}
    client.handlers['profiler.import'] = () => new Promise((resolve) => (answer = resolve))
    const store = createProfilerStore(client, transfer())
    store.getState().show(null, false)
    await settle()
    const importing = store.getState().importFile(file('big.cpuprofile'))
    await settle()
    // The engine lists the profile (it loads, then is ready) before the import request returns.
    store.getState().handleChanged([profile('big', { state: 'ready' })])
    expect(store.getState().selectedId).toBe('big')
    await store.getState().requestFlame({ widthPx: 800 })
    const version = store.getState().selectionVersion
    answer(profile('big', { state: 'ready' }))
    await importing
    expect(store.getState().selectedId).toBe('big')
    expect(store.getState().flame?.profileId).toBe('big')
    expect(store.getState().selectionVersion).toBe(version)
  })

  it('removes a profile and shows another', async () => {
    const client = engine([profile('a', { capturedAt: 2 }), profile('b', { capturedAt: 1 })])
    client.handlers['profiler.remove'] = () => undefined
    const store = createProfilerStore(client, transfer())
    store.getState().show(null, false)
    await settle()
    expect(store.getState().selectedId).toBe('a')
    await store.getState().removeProfile('a')
    expect(store.getState().profiles.map((p) => p.id)).toEqual(['b'])
    expect(store.getState().selectedId).toBe('b')
  })

  it('follows the engine\'s profiler events and re-reads the list on reconnect', async () => {
    const client = engine([profile('a')])
    const { store, dispose } = connectProfilerStore(client, transfer())
    client.emit('profiler.changed', [profile('a'), profile('b', { capturedAt: 5000 })])
    expect(store.getState().profiles.map((p) => p.id)).toEqual(['b', 'a'])
    client.emit('profiler.capture', { targetId: 't1', running: true, startedAt: 1, intervalUs: 1000, stopsOn: 'breakpoint', stopsAt: null })
    expect(store.getState().captures.t1?.stopsOn).toBe('breakpoint')
    client.emit('profiler.progress', { profileId: 'c', phase: 'modelling', bytesRead: 1, totalBytes: 2 })
    expect(store.getState().progress.c?.phase).toBe('modelling')
    client.setConnection('reconnecting')
    client.setConnection('connected')
    await settle()
    expect(client.callsOf('profiler.list')).toHaveLength(1)
    expect(store.getState().profiles.map((p) => p.id)).toEqual(['a'])
    dispose()
    client.emit('profiler.changed', [])
    expect(store.getState().profiles).toHaveLength(1)
  })
})
