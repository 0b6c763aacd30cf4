import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RequestParams } from '../../../shared/api'
import type { ErrorGroupSummary } from '../../../shared/errorTypes'
import { createErrorsStore, errorsPageSize, liveRefreshMs } from './errorsStore'
import { MemoryClient, settle } from '../testing/memoryClient'
import { errorDetail, errorGroup, rateSeries } from '../testing/fixtures'

/** A stub engine: `errors.groups` filters and pages over `groups` (sorted by count, as given). */
function engine(groups: ErrorGroupSummary[]): MemoryClient {
  return new MemoryClient({
    'errors.groups': ({ filter = {}, offset = 0, limit = 500 }) => {
      const matching = groups.filter(
        (g) =>
          (!filter.categories || filter.categories.includes(g.category)) &&
          (!filter.severities || filter.severities.includes(g.severity)) &&
          (!filter.text || g.message.toLowerCase().includes(filter.text.toLowerCase()))
      )
      return { total: matching.length, occurrences: groups.reduce((n, g) => n + g.count, 0), groups: matching.slice(offset, offset + limit) }
    },
    'errors.rate': () => rateSeries({ high: [2, 1] }),
    'errors.group': ({ fingerprint }) => {
      const group = groups.find((g) => g.fingerprint === fingerprint)
      if (!group) throw { code: 'BAD_REQUEST', message: `no error group ${fingerprint} in this target` }
      return errorDetail(group)
    }
  })
}

const groupsParams = (client: MemoryClient): RequestParams<'errors.groups'>[] => client.callsOf('errors.groups') as RequestParams<'errors.groups'>[]

describe('errors store', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('loads the groups and the rate of the process when shown', async () => {
    const client = engine([errorGroup('a', { count: 3 }), errorGroup('b', { count: 2 })])
    const store = createErrorsStore(client)
    store.getState().show('w1', 't1')
    expect(store.getState().status).toBe('loading')
    await settle()
    const s = store.getState()
    expect(s.status).toBe('loaded')
    expect(s.groups.map((g) => g.fingerprint)).toEqual(['a', 'b'])
    expect(s.total).toBe(2)
    expect(s.occurrences).toBe(5)
    expect(s.rate?.counts.high).toEqual([2, 1])
    // Any target of the process answers for the process: the one shown is asked.
    expect(groupsParams(client)[0]).toEqual({ targetId: 'w1', filter: {}, sort: 'count', offset: 0, limit: errorsPageSize })
  })

  it('sends sort and filters, and goes back to the top for each new query', async () => {
    const client = engine([errorGroup('a', { category: 'network', severity: 'high' }), errorGroup('b', { category: 'runtime', severity: 'low', message: 'Cannot read x' })])
    const store = createErrorsStore(client)
    store.getState().show('t1', 't1')
    await settle()
    const version = store.getState().queryVersion

    store.getState().setSort('recent')
    store.getState().toggleCategory('runtime')
    store.getState().toggleCategory('network')
    store.getState().toggleSeverity('low')
    store.getState().setSearch('  cannot ')
    await settle()
    expect(groupsParams(client).at(-1)).toMatchObject({ sort: 'recent', filter: { categories: ['network', 'runtime'], severities: ['low'], text: 'cannot' } })
    expect(store.getState().groups.map((g) => g.fingerprint)).toEqual(['b'])
    expect(store.getState().queryVersion).toBe(version + 5)

    store.getState().toggleCategory('network')
    expect(store.getState().categories).toEqual(['runtime'])
    store.getState().clearFilters()
    await settle()
    expect(groupsParams(client).at(-1)?.filter).toEqual({})
    expect(store.getState().total).toBe(2)
  })

  it('drops a slow answer to an older query', async () => {
    const client = engine([errorGroup('a'), errorGroup('b', { message: 'needle' })])
    const fast = client.handlers['errors.groups']!
    let release: () => void = () => {}
    client.handlers['errors.groups'] = (params) =>
      params.filter?.text ? fast(params) : new Promise((resolve) => (release = () => resolve(fast(params))))
    const store = createErrorsStore(client)
    store.getState().show('t1', 't1')
    store.getState().setSearch('needle')
    await settle()
    expect(store.getState().groups.map((g) => g.fingerprint)).toEqual(['b'])
    release()
    await settle()
    expect(store.getState().groups.map((g) => g.fingerprint)).toEqual(['b'])
  })

  it('refetches on errors.changed for its process, at most once a second, keeping rows and selection', async () => {
    const groups = Array.from({ length: 450 }, (_, i) => errorGroup(`g${i}`, { count: 1000 - i }))
    const client = engine(groups)
    const store = createErrorsStore(client)
    store.getState().show('t1', 't1')
    await settle()
    await store.getState().loadMore()
    expect(store.getState().groups).toHaveLength(2 * errorsPageSize)
    store.getState().select('g5')
    await settle()
    expect(store.getState().detail?.fingerprint).toBe('g5')
    const before = groupsParams(client).length
    const details = client.callsOf('errors.group').length

    store.getState().handleChanged({ targetId: 'other', groups: 1, occurrences: 1 })
    for (let i = 0; i < 5; i++) store.getState().handleChanged({ targetId: 't1', groups: 450, occurrences: 9 })
    await vi.advanceTimersByTimeAsync(liveRefreshMs - 1)
    expect(groupsParams(client).length).toBe(before)
    await vi.advanceTimersByTimeAsync(1)
    await settle()
    expect(groupsParams(client).length).toBe(before + 1)
    // The rows loaded so far are fetched again, so the scroll position keeps its rows.
    expect(groupsParams(client).at(-1)).toMatchObject({ offset: 0, limit: 2 * errorsPageSize })
    expect(store.getState().groups).toHaveLength(2 * errorsPageSize)
    expect(store.getState().selected).toBe('g5')
    expect(client.callsOf('errors.group').length).toBe(details + 1)

    // After a quiet second, a change is fetched at once.
    await vi.advanceTimersByTimeAsync(liveRefreshMs)
    store.getState().handleChanged({ targetId: 't1', groups: 450, occurrences: 10 })
    await vi.advanceTimersByTimeAsync(0)
    expect(groupsParams(client).length).toBe(before + 2)

    // Hidden: no more live refreshes.
    store.getState().hide()
    store.getState().handleChanged({ targetId: 't1', groups: 450, occurrences: 11 })
    await vi.advanceTimersByTimeAsync(5 * liveRefreshMs)
    expect(groupsParams(client).length).toBe(before + 2)
  })

  it('pages through long lists without listing a group twice', async () => {
    const groups = Array.from({ length: 250 }, (_, i) => errorGroup(`g${i}`))
    const client = engine(groups)
    const store = createErrorsStore(client)
    store.getState().show('t1', 't1')
    await settle()
    expect(store.getState().groups).toHaveLength(errorsPageSize)
    // A new group arrived at the top between the pages: the second page starts one row late.
    groups.unshift(errorGroup('new'))
    await store.getState().loadMore()
    const ids = store.getState().groups.map((g) => g.fingerprint)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(250)
    // The newcomer at the top arrives with the next refresh (errors.changed announces it).
    await store.getState().refresh()
    expect(store.getState().groups.map((g) => g.fingerprint).slice(0, 2)).toEqual(['new', 'g0'])
    await store.getState().loadMore()
    expect(store.getState().groups).toHaveLength(251)
    expect(store.getState().groups.at(-1)?.fingerprint).toBe('g249')
    await store.getState().loadMore()
    expect(groupsParams(client)).toHaveLength(4)
  })

  it('keeps rows and selection for another thread of the same process, resets them for another process', async () => {
    const client = engine([errorGroup('a')])
    const store = createErrorsStore(client)
    store.getState().show('t1', 't1')
    await settle()
    store.getState().select('a')
    await settle()
    store.getState().hide()
    store.getState().show('w1', 't1')
    expect(store.getState().selected).toBe('a')
    expect(store.getState().groups).toHaveLength(1)
    await settle()
    store.getState().hide()
    store.getState().show('t2', 't2')
    expect(store.getState().selected).toBeNull()
    expect(store.getState().groups).toEqual([])
  })

  it('reports failed fetches as one line', async () => {
    const client = engine([errorGroup('a')])
    const store = createErrorsStore(client)
    store.getState().show('t1', 't1')
    await settle()
    store.getState().select('gone')
    await settle()
    expect(store.getState().detail).toBeNull()
    expect(store.getState().detailError).toBe('no error group gone in this target')

    client.handlers['errors.rate'] = () => Promise.reject({ code: 'UNKNOWN_TARGET', message: 'no target t1\nat stack' })
    await store.getState().refresh()
    expect(store.getState().loadError).toBe('no target t1')
    expect(store.getState().groups).toHaveLength(1)
  })
})
