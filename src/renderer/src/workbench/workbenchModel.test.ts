import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { createWorkbenchModel } from './workbenchModel'
import { MemoryClient, settle } from '../testing/memoryClient'
import { errorDetail, errorGroup, events, rateSeries, recoverableSession, session, stats, target } from '../testing/fixtures'
import { installSessionEngine } from '../testing/sessionEngine'
import { defaultSettings } from '../../../shared/settingsTypes'
import { effectiveTheme } from '../settings/settingsStore'
import { liveRefreshMs } from '../errors/errorsStore'

function client(): MemoryClient {
  let list = [target('t1')]
  const c = new MemoryClient({
    'targets.list': () => list,
    'settings.get': () => defaultSettings,
    'settings.set': (patch) => ({ ...defaultSettings, ...patch }),
    'console.query': ({ offset = 0, limit = 1000 }) => {
      const stored = events(0, 5)
      return { total: 5, events: stored.slice(offset, offset + limit), stats: stats(5) }
    },
    'targets.remove': ({ targetId }) => {
      list = list.filter((t) => t.id !== targetId)
    }
  })
  installSessionEngine(c, 'web', { recoverable: [recoverableSession('r1')], sessions: [session('s1')] })
  return c
}

describe('workbench model', () => {
  it('loads targets, settings and the selected console on start', async () => {
    const c = client()
    const model = createWorkbenchModel(c)
    await settle(30)
    expect(model.targets.getState().selectedId).toBe('t1')
    expect(model.console.getState().buffer('t1').events.length).toBe(5)
    expect(c.callsOf('settings.get').length).toBe(1)
    model.dispose()
  })

  it('routes pushed events to the stores', async () => {
    const c = client()
    const model = createWorkbenchModel(c)
    await settle(30)
    c.emit('console.batch', { targetId: 't1', events: events(5, 8), stats: stats(8, 2) })
    expect(model.console.getState().buffer('t1').events.length).toBe(8)
    expect(model.console.getState().stats.t1.dropped).toBe(2)
    c.emit('settings.changed', { ...defaultSettings, theme: 'light' })
    expect(effectiveTheme(model.settings.getState())).toBe('light')
    c.emit('targets.changed', [])
    expect(model.targets.getState().selectedId).toBeNull()
    expect(model.console.getState().versions.t1).toBeUndefined()
    model.dispose()
  })

  it('shows the connection state and re-reads everything after a reconnect', async () => {
    const c = client()
    const model = createWorkbenchModel(c)
    await settle(30)
    c.setConnection('reconnecting')
    expect(model.ui.getState().connection).toBe('reconnecting')
    const before = c.callsOf('console.query').length
    c.setConnection('connected')
    await settle(30)
    expect(c.callsOf('targets.list').length).toBe(2)
    expect(c.callsOf('console.query').length).toBeGreaterThan(before)
    model.dispose()
  })

  it('reads sessions on start, follows sessions events, and runs app commands', async () => {
    const c = client()
    const downloads: string[] = []
    const sessionFiles = { download: async (id: string) => void downloads.push(id), upload: async () => '/x', pathOf: () => null }
    const model = createWorkbenchModel(c, { sessionFiles })
    await settle(30)
    expect(model.sessions.getState().recoverable.map((r) => r.id)).toEqual(['r1'])
    expect(model.sessions.getState().shell).toBe('web')
    expect(model.sessions.getState().sessions.map((s) => s.id)).toEqual(['s1'])
    c.emit('sessions.changed', [session('s1'), session('s2', { rootTargetId: 't9' })])
    expect(model.sessions.getState().sessions.map((s) => s.id)).toEqual(['s1', 's2'])
    c.emit('sessions.progress', { operation: 'save', subject: 's1', done: 1, total: 4, finished: false })
    expect(model.sessions.getState().progress).toHaveLength(1)

    c.emit('app.command', { command: 'openSession' })
    await settle()
    expect(model.sessions.getState().pickRequest).toBe(1)
    c.emit('app.command', { command: 'openAttach' })
    expect(model.attach.getState().open).toBe(true)
    c.emit('app.command', { command: 'showShortcuts' })
    expect(model.ui.getState().helpOpen).toBe(true)
    c.emit('app.command', { command: 'saveSession' })
    await settle(30)
    expect(c.callsOf('sessions.stop')).toEqual([{ sessionId: 's1' }])
    expect(downloads).toEqual(['s1'])
    expect(model.sessions.getState().error).toBeNull()
    model.dispose()
  })

  it('reads an opened session\'s events again once the engine has finished reading the file', async () => {
    const c = new MemoryClient()
    installSessionEngine(c, 'web')
    let loaded = 0
    c.handlers['targets.list'] = () => []
    c.handlers['settings.get'] = () => defaultSettings
    c.handlers['console.query'] = ({ offset = 0, limit = 1000 }) => ({ total: loaded, events: events(0, loaded).slice(offset, offset + limit), stats: stats(loaded) })
    const open = c.handlers['sessions.open']!
    c.handlers['sessions.open'] = async (params) => {
      // The engine lists the read-only targets first (the page selects and queries one), then reads the events.
      c.emit('targets.changed', [target('opened1-t', { state: 'recorded', sessionId: 'opened1' })])
      await settle(30)
      loaded = 7
      return open(params)
    }
    const model = createWorkbenchModel(c)
    await settle(30)
    await model.sessions.getState().openPath('/lib/a.spyglass')
    await settle(30)
    expect(model.targets.getState().selectedId).toBe('opened1-t')
    expect(model.console.getState().buffer('opened1-t').events.length).toBe(7)
    model.dispose()
  })

  it('refetches the shown error groups on errors.changed for their process and after a reconnect', async () => {
    vi.useFakeTimers()
    onTestFinished(() => void vi.useRealTimers())
    const c = client()
    c.handlers['errors.groups'] = () => ({ total: 1, occurrences: 2, groups: [errorGroup('a', { count: 2 })] })
    c.handlers['errors.rate'] = () => rateSeries({ medium: [2] })
    c.handlers['errors.group'] = () => errorDetail(errorGroup('a', { count: 2 }))
    const model = createWorkbenchModel(c)
    await settle(30)
    model.errors.getState().show('t1', 't1')
    await settle(30)
    expect(model.errors.getState().groups.map((g) => g.fingerprint)).toEqual(['a'])
    const before = c.callsOf('errors.groups').length
    c.emit('errors.changed', { targetId: 't1', groups: 1, occurrences: 3 })
    await vi.advanceTimersByTimeAsync(liveRefreshMs)
    expect(c.callsOf('errors.groups').length).toBe(before + 1)
    c.setConnection('reconnecting')
    c.setConnection('connected')
    await settle(30)
    expect(c.callsOf('errors.groups').length).toBe(before + 2)
    model.dispose()
    c.emit('errors.changed', { targetId: 't1', groups: 1, occurrences: 4 })
    await settle(30)
    expect(c.callsOf('errors.groups').length).toBe(before + 2)
  })

  it('follows the OS theme unless the setting names one', async () => {
    const model = createWorkbenchModel(client(), { systemTheme: 'light' })
    await settle(30)
    expect(effectiveTheme(model.settings.getState())).toBe('light')
    model.settings.getState().setSystemTheme('dark')
    expect(effectiveTheme(model.settings.getState())).toBe('dark')
    await model.settings.getState().cycleTheme()
    expect(model.settings.getState().settings?.theme).toBe('dark')
    await model.settings.getState().cycleTheme()
    expect(effectiveTheme(model.settings.getState())).toBe('light')
    model.dispose()
  })
})
