import { describe, expect, it } from 'vitest'
import type { ConsoleEvent } from '../../../shared/consoleTypes'
import { createConsoleStore, propertiesKey } from './consoleStore'
import { MemoryClient, settle } from '../testing/memoryClient'
import { event, events, stats } from '../testing/fixtures'

/** A stub engine store: `console.query` pages over `stored`. */
function engine(stored: ConsoleEvent[], dropped = 0): MemoryClient {
  return new MemoryClient({
    'console.query': ({ offset = 0, limit = 1000 }) => ({
      total: stored.length,
      events: stored.slice(offset, offset + limit),
      stats: stats(stored.length, dropped)
    }),
    'console.clear': () => {
      stored.length = 0
    }
  })
}

describe('console store', () => {
  it('loads what the engine stored in pages, once per connection', async () => {
    const client = engine(events(0, 25_000), 7)
    const store = createConsoleStore(client)
    await store.getState().ensureLoaded('t1')
    expect(store.getState().buffer('t1').events.length).toBe(25_000)
    expect(store.getState().stats.t1.dropped).toBe(7)
    expect(store.getState().loadState.t1).toBe('loaded')
    const queries = client.callsOf('console.query').length
    await store.getState().ensureLoaded('t1')
    expect(client.callsOf('console.query').length).toBe(queries)
    store.getState().invalidateLoads()
    await store.getState().ensureLoaded('t1')
    expect(client.callsOf('console.query').length).toBeGreaterThan(queries)
    expect(store.getState().buffer('t1').events.length).toBe(25_000)
  })

  it('starts loading where the client cap would stop keeping events', async () => {
    const client = engine(events(0, 1000))
    const store = createConsoleStore(client, 300)
    await store.getState().ensureLoaded('t1')
    const buffer = store.getState().buffer('t1')
    expect(buffer.events[0].seq).toBe(700)
    expect(buffer.events.length).toBe(300)
  })

  it('merges live batches that arrive while loading', async () => {
    const client = engine(events(0, 50))
    const store = createConsoleStore(client)
    const loading = store.getState().ensureLoaded('t1')
    store.getState().handleBatch({ targetId: 't1', events: events(48, 52), stats: stats(52) })
    await loading
    const seqs = store.getState().buffer('t1').events.map((e) => e.seq)
    expect(seqs).toEqual([...Array(52).keys()])
  })

  it('records a failed load as one line, and retries it next time', async () => {
    const client = new MemoryClient({ 'console.query': () => Promise.reject({ code: 'UNKNOWN_TARGET', message: 'no target t9\nstack' }) })
    const store = createConsoleStore(client)
    await store.getState().ensureLoaded('t9')
    expect(store.getState().loadState.t9).toEqual({ error: 'no target t9' })
    await store.getState().ensureLoaded('t9')
    expect(client.callsOf('console.query').length).toBe(2)
  })

  it('bumps the version of the target a batch is for, and keeps its stats', () => {
    const store = createConsoleStore(new MemoryClient())
    store.getState().handleBatch({ targetId: 'a', events: [event(1, 'log', 'x', 'a')], stats: stats(1, 3) })
    expect(store.getState().versions).toEqual({ a: 1 })
    expect(store.getState().stats.a.dropped).toBe(3)
  })

  it('applies row updates of a batch to rows of the same batch and of earlier ones', () => {
    const store = createConsoleStore(new MemoryClient())
    const { handleBatch } = store.getState()
    handleBatch({ targetId: 't1', events: [event(1, 'log', 'same'), event(2, 'warn', 'other')], stats: stats(2) })
    const first = store.getState().buffer('t1').events[0]
    // Row 3 arrives and repeats within the same batch; row 1 repeated since the first batch.
    handleBatch({
      targetId: 't1',
      events: [event(3, 'error', 'boom')],
      updates: [
        { seq: 3, repeat: 4, lastTime: 1_700_000_000_040 },
        { seq: 1, repeat: 2, lastTime: 1_700_000_000_030 }
      ],
      stats: { ...stats(3), collapsed: 4 }
    })
    const buffer = store.getState().buffer('t1')
    expect(buffer.events.map((e) => [e.seq, e.repeat])).toEqual([
      [1, 2],
      [2, undefined],
      [3, 4]
    ])
    expect(buffer.events[0]).not.toBe(first)
    expect(buffer.filtered).toEqual(buffer.events)
    expect(buffer.counts).toMatchObject({ log: 2, warn: 1, error: 4 })
    expect(store.getState().versions.t1).toBe(2)
    expect(store.getState().stats.t1.collapsed).toBe(4)
  })

  it('bumps no version for updates alone that change nothing (rows trimmed client-side)', () => {
    const store = createConsoleStore(new MemoryClient(), 2)
    store.getState().handleBatch({ targetId: 't1', events: events(0, 4), stats: stats(4) })
    expect(store.getState().versions.t1).toBe(1)
    store.getState().handleBatch({ targetId: 't1', events: [], updates: [{ seq: 0, repeat: 3, lastTime: 1 }], stats: stats(4) })
    expect(store.getState().versions.t1).toBe(1)
    expect(store.getState().buffer('t1').counts.log).toBe(2)
    store.getState().handleBatch({ targetId: 't1', events: [], updates: [{ seq: 3, repeat: 3, lastTime: 1 }], stats: stats(4) })
    expect(store.getState().versions.t1).toBe(2)
    expect(store.getState().buffer('t1').counts.log).toBe(4)
  })

  it('loads folded rows with their repetitions, and a live update after the load applies', async () => {
    const stored = [event(1), { ...event(2, 'debug', 'tick'), repeat: 3, lastTime: 1_700_000_000_090 }]
    const store = createConsoleStore(engine(stored))
    await store.getState().ensureLoaded('t1')
    expect(store.getState().buffer('t1').counts.debug).toBe(3)
    store.getState().handleBatch({ targetId: 't1', events: [], updates: [{ seq: 2, repeat: 5, lastTime: 1_700_000_000_120 }], stats: stats(2) })
    expect(store.getState().buffer('t1').events[1]).toMatchObject({ repeat: 5, lastTime: 1_700_000_000_120 })
    expect(store.getState().buffer('t1').counts.debug).toBe(5)
  })

  it('filters every buffer by levels and search text', () => {
    const store = createConsoleStore(new MemoryClient())
    store.getState().handleBatch({ targetId: 't1', events: [event(1, 'log', 'alpha'), event(2, 'error', 'beta'), event(3, 'error', 'alphabet')], stats: stats(3) })
    store.getState().soloLevel('error')
    expect(store.getState().buffer('t1').filtered.map((e) => e.seq)).toEqual([2, 3])
    store.getState().setSearch('ALPHA')
    expect(store.getState().buffer('t1').filtered.map((e) => e.seq)).toEqual([3])
    store.getState().soloLevel('error')
    expect(store.getState().levels.length).toBe(5)
    expect(store.getState().buffer('t1').filtered.map((e) => e.seq)).toEqual([1, 3])
    store.getState().setSearch('')
    for (const level of ['debug', 'log', 'info', 'warn', 'error'] as const) store.getState().toggleLevel(level)
    expect(store.getState().levels).toEqual([])
    expect(store.getState().buffer('t1').filtered).toEqual([])
    store.getState().toggleLevel('log')
    expect(store.getState().buffer('t1').filtered.map((e) => e.seq)).toEqual([1])
  })

  it('clears through the engine and re-reads its stats', async () => {
    const client = engine(events(0, 10))
    const store = createConsoleStore(client)
    await store.getState().ensureLoaded('t1')
    await store.getState().clear('t1')
    expect(client.callsOf('console.clear')).toEqual([{ targetId: 't1' }])
    expect(store.getState().buffer('t1').events).toEqual([])
    expect(store.getState().stats.t1.stored).toBe(0)
  })

  it('shows a failed clear as a one-line error', async () => {
    const store = createConsoleStore(new MemoryClient({ 'console.clear': () => Promise.reject(new Error('target is gone')) }))
    await store.getState().clear('t1')
    expect(store.getState().actionError).toBe('Could not clear the console: target is gone')
  })

  it('expands objects lazily and caches them', async () => {
    let calls = 0
    const client = new MemoryClient({
      'console.getProperties': ({ objectId }) => {
        calls++
        if (objectId === 'bad') throw { code: 'INTERNAL', message: 'object was released' }
        return [{ name: 'a', value: { type: 'number', text: '1' } }]
      }
    })
    const store = createConsoleStore(client)
    await store.getState().loadProperties('t1', 'obj1')
    await store.getState().loadProperties('t1', 'obj1')
    expect(calls).toBe(1)
    expect(store.getState().properties[propertiesKey('t1', 'obj1')]).toEqual({ status: 'loaded', rows: [{ name: 'a', value: { type: 'number', text: '1' } }] })
    await store.getState().loadProperties('t1', 'bad')
    expect(store.getState().properties[propertiesKey('t1', 'bad')]).toEqual({ status: 'error', message: 'object was released' })
  })

  it('toggles expansion keys and forgets removed targets', async () => {
    const store = createConsoleStore(new MemoryClient())
    store.getState().toggleExpanded('k')
    expect(store.getState().expanded).toEqual({ k: true })
    store.getState().toggleExpanded('k')
    expect(store.getState().expanded).toEqual({})
    store.getState().handleBatch({ targetId: 'gone', events: [event(1)], stats: stats(1) })
    store.getState().forget('gone')
    expect(store.getState().versions.gone).toBeUndefined()
    expect(store.getState().buffer('gone').events).toEqual([])
    await settle()
  })
})
