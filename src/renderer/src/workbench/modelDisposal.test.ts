import { afterEach, describe, expect, it, vi } from 'vitest'
import type * as ZustandVanilla from 'zustand/vanilla'
import type { StateCreator, StoreApi } from 'zustand/vanilla'
import { eventNames } from '../../../shared/api'
import type { PausedState } from '../../../shared/debuggerTypes'
import { defaultSettings } from '../../../shared/settingsTypes'
import { errorGroup, rateSeries, session, target } from '../testing/fixtures'
import { MemoryClient, settle } from '../testing/memoryClient'
import { installSessionEngine } from '../testing/sessionEngine'
import { createWorkbenchModel } from './workbenchModel'

// Every zustand store made in this file counts the subscriptions it holds, so that a store (or
// the model's wiring between stores) that forgets to unsubscribe shows here, not only an API
// listener left behind.
const storeSubscriptions = vi.hoisted(() => ({ live: 0 }))
vi.mock('zustand/vanilla', async (importOriginal) => {
  const zustand = await importOriginal<typeof ZustandVanilla>()
  const counted = <T,>(store: StoreApi<T>): StoreApi<T> => ({
    ...store,
    subscribe(listener) {
      const off = store.subscribe(listener)
      storeSubscriptions.live++
      let subscribed = true
      return () => {
        if (subscribed) storeSubscriptions.live--
        subscribed = false
        off()
      }
    }
  })
  type Initializer = StateCreator<unknown>
  // Both forms: createStore(initializer) and createStore<T>()(initializer).
  const createStore = (initializer?: Initializer) =>
    initializer ? counted(zustand.createStore(initializer)) : (later: Initializer) => counted(zustand.createStore(later))
  return { ...zustand, createStore }
})

function engine(): MemoryClient {
  const client = new MemoryClient({
    'targets.list': () => [target('t1')],
    'settings.get': () => defaultSettings,
    'console.query': () => ({ total: 0, events: [], stats: { stored: 0, storedBytes: 0, budgetBytes: 1, dropped: 0, received: 0, sampledOut: 0, collapsed: 0 } }),
    'errors.groups': () => ({ total: 1, occurrences: 1, groups: [errorGroup('a')] }),
    'errors.rate': () => rateSeries({ medium: [1] })
  })
  installSessionEngine(client, 'web', { sessions: [session('s1')] })
  return client
}

afterEach(() => {
  vi.useRealTimers()
})

describe('disposing the workbench model', () => {
  it('leaves no API listener, no store subscription and no timer behind', async () => {
    vi.useFakeTimers()
    const client = engine()
    const model = createWorkbenchModel(client)
    await settle(30)
    // Every event the engine pushes is followed by some store: a store made outside the model would miss its events.
    for (const event of eventNames) expect(client.listenerCount(event), event).toBeGreaterThan(0)
    expect(storeSubscriptions.live).toBeGreaterThan(0)

    // Each feature in use, so that whatever it starts (timers, loads) is running when the model goes.
    model.errors.getState().show('t1', 't1')
    await settle(30)
    client.emit('errors.changed', { targetId: 't1', groups: 1, occurrences: 2 })
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    model.debugger.getState().show('t1', false)
    model.profiler.getState().show('t1', false)
    model.heap.getState().show('t1', false)
    void model.metrics.getState().show({ kind: 'live' })
    await settle(30)

    model.dispose()
    expect(client.listenerCount()).toBe(0)
    expect(storeSubscriptions.live).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    // A second dispose is harmless.
    model.dispose()
  })

  it('works the debugger keys from any view, on the selected live target', async () => {
    const client = engine()
    client.handlers['debugger.step'] = () => undefined
    client.handlers['debugger.pause'] = () => undefined
    const model = createWorkbenchModel(client, { initialView: 'console' })
    await settle(30)
    const pause: PausedState = { targetId: 't1', pauseId: 1, reason: 'breakpoint', hitBreakpoints: [], exception: null, uncaught: null, description: 'Paused', callFrames: [], returnValue: null, pausedAt: 1 }
    client.emit('debugger.paused', pause)
    // A pause brings the Sources view forward; the user goes back to the console and steps from there.
    expect(model.ui.getState().activeView).toBe('sources')
    model.ui.getState().showView('console')
    model.runDebugCommand('stepOver')
    await settle()
    expect(client.callsOf('debugger.step')).toEqual([{ targetId: 't1', action: 'over' }])

    client.emit('debugger.resumed', { targetId: 't1', pauseId: 1 })
    model.runDebugCommand('stepOver')
    model.runDebugCommand('resumeOrPause')
    await settle()
    expect(client.callsOf('debugger.step')).toHaveLength(1)
    expect(client.callsOf('debugger.pause')).toEqual([{ targetId: 't1' }])

    // A target that is not attached is left alone.
    client.emit('targets.changed', [target('t1', { state: 'detached' })])
    model.runDebugCommand('resumeOrPause')
    await settle()
    expect(client.callsOf('debugger.pause')).toHaveLength(1)
    model.dispose()
  })
})
