import { describe, expect, it } from 'vitest'
import { createWorkbenchModel } from './model'
import { MemoryClient, settle } from '../testing/memoryClient'
import { events, stats, target } from '../testing/fixtures'
import { defaultSettings } from '../../../shared/settingsTypes'
import { effectiveTheme } from './settingsStore'

function client(): MemoryClient {
  let list = [target('t1')]
  return new MemoryClient({
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
