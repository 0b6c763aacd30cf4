import { describe, expect, it } from 'vitest'
import type { RequestParams } from '../../../shared/api'
import type { Breakpoint, DebugCallFrame, DebugSource, DebuggerState, PausedState } from '../../../shared/debuggerTypes'
import { connectDebuggerStore, createDebuggerStore, followDebuggerEvents, getterKey, maxEvaluations, propertiesPageSize, showSourcesOnPause } from './debuggerStore'
import { MemoryClient, settle } from '../testing/memoryClient'

const demoUrl = 'file:///app/demo.mjs'

function source(name: string, overrides: Partial<DebugSource> = {}): DebugSource {
  return { url: `file:///app/${name}`, name, group: 'app', kind: 'script', scriptIds: ['11'], generatedUrl: null, originals: [], targetId: 't1', ...overrides }
}

function breakpoint(id: string, line: number, overrides: Partial<Breakpoint> = {}): Breakpoint {
  return {
    id,
    rootId: 't1',
    kind: 'line',
    url: demoUrl,
    line,
    column: null,
    functionName: null,
    condition: null,
    logMessage: null,
    hitCondition: null,
    enabled: true,
    state: 'bound',
    locations: [{ targetId: 't1', location: { url: demoUrl, line, column: 3 }, generated: { url: demoUrl, line, column: 3 } }],
    hits: 0,
    message: null,
    ...overrides
  }
}

function frame(functionName: string, line: number, overrides: Partial<DebugCallFrame> = {}): DebugCallFrame {
  return {
    callFrameId: `cf-${functionName}`,
    functionName,
    location: { url: demoUrl, line, column: 5 },
    generated: { url: demoUrl, line, column: 5 },
    scriptId: '11',
    scopes: [
      { type: 'local', name: 'Local', objectId: `scope-local-${functionName}`, expensive: false },
      { type: 'global', name: 'Global', objectId: 'scope-global', expensive: true }
    ],
    thisValue: null,
    asyncBoundary: null,
    ...overrides
  }
}

function paused(pauseId: number, frames: DebugCallFrame[], overrides: Partial<PausedState> = {}): PausedState {
  return {
    targetId: 't1',
    pauseId,
    reason: 'breakpoint',
    hitBreakpoints: [],
    exception: null,
    uncaught: null,
    description: 'Paused on breakpoint',
    callFrames: frames,
    returnValue: null,
    pausedAt: 1000,
    ...overrides
  }
}

/** A stub engine holding one process t1 with a demo file; breakpoints live in `bps`. */
function engine(state: Partial<DebuggerState> = {}): { client: MemoryClient; bps: Breakpoint[] } {
  const bps: Breakpoint[] = [...(state.breakpoints ?? [])]
  let nextId = 1
  const client = new MemoryClient({
    'debugger.state': ({ targetId }) => ({
      targetId,
      rootId: 't1',
      attached: true,
      paused: null,
      options: { exceptions: 'none', debuggerStatements: false },
      ...state,
      breakpoints: bps.slice()
    }),
    'debugger.sources': () => [source('demo.mjs'), source('node:fs', { url: 'node:fs', group: 'internal' })],
    'debugger.source': ({ url, scriptId }) => ({ url: url ?? `script ${scriptId}`, text: 'line 1\nline 2\nline 3\n', language: 'javascript', kind: 'script' }),
    'debugger.setBreakpoint': ({ url, line, condition, logMessage, hitCondition }) => {
      const bp = breakpoint(`bp${nextId++}`, line, { url, condition: condition ?? null, logMessage: logMessage ?? null, hitCondition: hitCondition ?? null })
      bps.push(bp)
      return bp
    },
    'debugger.updateBreakpoint': ({ breakpointId, targetId: _t, ...patch }) => {
      const at = bps.findIndex((b) => b.id === breakpointId)
      if (at < 0) throw { code: 'BAD_REQUEST', message: `no breakpoint ${breakpointId}` }
      bps[at] = { ...bps[at], ...patch } as Breakpoint
      return bps[at]
    },
    'debugger.removeBreakpoint': ({ breakpointId }) => {
      bps.splice(bps.findIndex((b) => b.id === breakpointId), 1)
    },
    'debugger.setFunctionBreakpoint': ({ functionName }) => {
      const bp = breakpoint(`bp${nextId++}`, 0, { kind: 'function', url: null, line: null, functionName, locations: [], state: 'pending' })
      bps.push(bp)
      return bp
    },
    'debugger.resume': () => undefined,
    'debugger.pause': () => undefined,
    'debugger.step': () => undefined,
    'debugger.setPauseOptions': ({ exceptions, debuggerStatements }) => ({ exceptions: exceptions ?? 'none', debuggerStatements: debuggerStatements ?? false })
  })
  return { client, bps }
}

async function shown(client: MemoryClient, targetId = 't1') {
  const store = createDebuggerStore(client)
  followDebuggerEvents(client, store)
  store.getState().show(targetId, false)
  await settle()
  return store
}

describe('debugger store', () => {
  it('loads the state and files of the target shown, keeping files announced meanwhile', async () => {
    const { client } = engine({ breakpoints: [breakpoint('b1', 2)], options: { exceptions: 'uncaught', debuggerStatements: false } })
    const store = createDebuggerStore(client)
    followDebuggerEvents(client, store)
    store.getState().show('t1', false)
    expect(store.getState().status).toBe('loading')
    client.emit('debugger.sources', { targetId: 't1', added: [source('late.mjs')], removed: [], reset: false })
    client.emit('debugger.sources', { targetId: 'other', added: [source('elsewhere.mjs')], removed: [], reset: false })
    await settle()
    const s = store.getState()
    expect(s.status).toBe('loaded')
    expect(s.rootId).toBe('t1')
    expect(s.options.exceptions).toBe('uncaught')
    expect(s.breakpoints.map((b) => b.id)).toEqual(['b1'])
    expect(s.sources.map((x) => x.name).sort()).toEqual(['demo.mjs', 'late.mjs', 'node:fs'])

    // A reconnect starts the list over.
    client.emit('debugger.sources', { targetId: 't1', added: [source('again.mjs')], removed: [], reset: true })
    expect(store.getState().sources.map((x) => x.name)).toEqual(['again.mjs'])
  })

  it('replaces a compiled script by its original files once its source map is read', async () => {
    const { client } = engine()
    client.handlers['debugger.sources'] = () => [source('dist/a.js'), source('dist/b.js')]
    const store = await shown(client)
    expect(store.getState().sources.map((x) => x.name).sort()).toEqual(['dist/a.js', 'dist/b.js'])
    const original = (name: string) => source(name, { kind: 'original', generatedUrl: 'file:///app/dist/a.js' })
    client.emit('debugger.sources', { targetId: 't1', added: [original('src/a.ts'), original('src/util.ts')], removed: ['file:///app/dist/a.js'], reset: false })
    expect(store.getState().sources.map((x) => x.name).sort()).toEqual(['dist/b.js', 'src/a.ts', 'src/util.ts'])
    // What the engine says is gone leaves the list, whatever replaces it.
    client.emit('debugger.sources', { targetId: 't1', added: [], removed: ['file:///app/dist/b.js'], reset: false })
    expect(store.getState().sources.map((x) => x.name).sort()).toEqual(['src/a.ts', 'src/util.ts'])
    // The same script announced again (another load of it) does not come back.
    client.emit('debugger.sources', { targetId: 't1', added: [source('dist/a.js')], removed: [], reset: false })
    expect(store.getState().sources.map((x) => x.name).sort()).toEqual(['src/a.ts', 'src/util.ts'])
  })

  it('toggles a line breakpoint from the gutter, at the line where it is bound', async () => {
    const { client, bps } = engine()
    const store = await shown(client)
    await store.getState().openSource({ url: demoUrl })
    expect(store.getState().open).toMatchObject({ key: demoUrl, status: 'loaded' })

    await store.getState().toggleLineBreakpoint(2)
    expect(client.callsOf('debugger.setBreakpoint')).toEqual([{ targetId: 't1', url: demoUrl, line: 2 }])
    expect(store.getState().breakpoints.map((b) => b.line)).toEqual([2])

    // Asked on line 4 (no code), bound on line 6: clicking line 6 removes it.
    bps.push(breakpoint('moved', 4, { locations: [{ targetId: 't1', location: { url: demoUrl, line: 6, column: 1 }, generated: { url: demoUrl, line: 6, column: 1 } }] }))
    client.emit('debugger.breakpoints', { rootId: 't1', breakpoints: bps.slice() })
    await store.getState().toggleLineBreakpoint(6)
    expect(client.callsOf('debugger.removeBreakpoint')).toEqual([{ targetId: 't1', breakpointId: 'moved' }])
    expect(store.getState().breakpoints.map((b) => b.id)).toEqual(['bp1'])

    await store.getState().toggleLineBreakpoint(2)
    expect(store.getState().breakpoints).toEqual([])
    expect(bps).toEqual([])
  })

  it('adds conditions, logpoints and hit counts, and changes them in place', async () => {
    const { client } = engine()
    const store = await shown(client)
    await store.getState().openSource({ url: demoUrl })
    await store.getState().saveLineBreakpoint(3, { condition: 'order.id > 2', hitCondition: { op: '>=', count: 2 } })
    expect(client.callsOf('debugger.setBreakpoint').at(-1)).toEqual({ targetId: 't1', url: demoUrl, line: 3, condition: 'order.id > 2', hitCondition: { op: '>=', count: 2 } })

    await store.getState().saveLineBreakpoint(3, { condition: null, logMessage: 'order {order.id}', hitCondition: null })
    expect(client.callsOf('debugger.setBreakpoint')).toHaveLength(1)
    expect(client.callsOf('debugger.updateBreakpoint').at(-1)).toEqual({ targetId: 't1', breakpointId: 'bp1', condition: null, logMessage: 'order {order.id}', hitCondition: null })
    expect(store.getState().breakpoints[0]).toMatchObject({ condition: null, logMessage: 'order {order.id}', hitCondition: null })

    const disabling = store.getState().setBreakpointEnabled('bp1', false)
    // The checkbox follows the click before the engine answers.
    expect(store.getState().breakpoints[0].enabled).toBe(false)
    await disabling
    expect(client.callsOf('debugger.updateBreakpoint').at(-1)).toEqual({ targetId: 't1', breakpointId: 'bp1', enabled: false })
    client.handlers['debugger.updateBreakpoint'] = () => Promise.reject({ code: 'TARGET_EXITED', message: 'the target exited' })
    await store.getState().setBreakpointEnabled('bp1', true)
    expect(store.getState().breakpoints[0].enabled).toBe(false)
    expect(store.getState().actionError).toBe('the target exited')
    await store.getState().addFunctionBreakpoint('  computeFraudScore ')
    expect(client.callsOf('debugger.setFunctionBreakpoint')).toEqual([{ targetId: 't1', functionName: 'computeFraudScore' }])
    expect(store.getState().breakpoints.map((b) => b.functionName)).toEqual([null, 'computeFraudScore'])
    await store.getState().addFunctionBreakpoint('   ')
    expect(client.callsOf('debugger.setFunctionBreakpoint')).toHaveLength(1)
  })

  it("edits a line's breakpoint in the gutter's editor, and opens a breakpoint where it is bound", async () => {
    const { client, bps } = engine()
    const store = await shown(client)
    const place = { left: 1, top: 2, bottom: 3 }
    store.getState().editBreakpoint(3, place)
    expect(store.getState().editing).toBeNull()
    await store.getState().openSource({ url: demoUrl })
    store.getState().editBreakpoint(3, place)
    expect(store.getState().editing).toEqual({ line: 3, anchor: place })
    const saving = store.getState().saveEditedBreakpoint({ condition: 'x > 1' })
    expect(store.getState().editing).toBeNull()
    await saving
    expect(client.callsOf('debugger.setBreakpoint')).toEqual([{ targetId: 't1', url: demoUrl, line: 3, condition: 'x > 1' }])

    store.getState().editBreakpoint(3, place)
    await store.getState().removeEditedBreakpoint()
    expect(store.getState().editing).toBeNull()
    expect(client.callsOf('debugger.removeBreakpoint')).toEqual([{ targetId: 't1', breakpointId: 'bp1' }])
    expect(bps).toEqual([])
    store.getState().editBreakpoint(4, place)
    store.getState().closeBreakpointEditor()
    expect(store.getState().editing).toBeNull()

    await store.getState().openBreakpoint(breakpoint('b9', 7, { url: 'file:///app/orders.mjs', locations: [{ targetId: 't1', location: { url: 'file:///app/orders.mjs', line: 8, column: 1 }, generated: { url: 'file:///app/orders.mjs', line: 8, column: 1 } }] }))
    expect(store.getState().open).toMatchObject({ key: 'file:///app/orders.mjs', status: 'loaded' })
    expect(store.getState().reveal).toEqual({ line: 8 })
  })

  it('follows a pause: opens the top frame at its line, selects frames, forgets the objects on resume', async () => {
    const { client } = engine()
    const store = await shown(client)
    client.handlers['debugger.properties'] = ({ objectId, offset = 0 }) => ({ total: 1, rows: offset > 0 ? [] : [{ name: `${objectId}.x`, value: { type: 'number', text: '1' }, getter: false, internal: false, inherited: false }] })
    const frames = [frame('processTick', 3), frame('makeOrder', 2, { location: { url: 'file:///app/orders.mjs', line: 9, column: 1 } })]
    client.emit('debugger.paused', paused(1, frames))
    await settle()
    let s = store.getState()
    expect(s.paused?.pauseId).toBe(1)
    expect(s.open).toMatchObject({ key: demoUrl, status: 'loaded' })
    expect(s.reveal).toEqual({ line: 3 })

    await store.getState().loadVariables('scope-local-processTick')
    expect(store.getState().variables['scope-local-processTick']).toMatchObject({ status: 'loaded', total: 1 })

    store.getState().selectFrame(1)
    await settle()
    s = store.getState()
    expect(s.frameIndex).toBe(1)
    expect(s.open).toMatchObject({ key: 'file:///app/orders.mjs', status: 'loaded' })
    expect(s.reveal).toEqual({ line: 9 })

    // A pause of another target, or an older one, changes nothing.
    client.emit('debugger.paused', paused(7, frames, { targetId: 'w1' }))
    client.emit('debugger.resumed', { targetId: 't1', pauseId: 0 })
    expect(store.getState().paused?.pauseId).toBe(1)

    client.emit('debugger.resumed', { targetId: 't1', pauseId: 1 })
    s = store.getState()
    expect(s.paused).toBeNull()
    expect(s.variables).toEqual({})
    expect(s.frameIndex).toBe(0)
  })

  it('drops properties that arrive after the pause they belong to ended', async () => {
    const { client } = engine()
    const store = await shown(client)
    let release: () => void = () => {}
    client.handlers['debugger.properties'] = () =>
      new Promise((resolve) => (release = () => resolve({ total: 1, rows: [{ name: 'late', value: { type: 'number', text: '1' }, getter: false, internal: false, inherited: false }] })))
    client.emit('debugger.paused', paused(1, [frame('f', 1)]))
    const loading = store.getState().loadVariables('scope-local-f')
    expect(store.getState().variables['scope-local-f']?.status).toBe('loading')
    client.emit('debugger.paused', paused(2, [frame('f', 2)]))
    release()
    await loading
    expect(store.getState().variables).toEqual({})
  })

  it('pages through big objects', async () => {
    const { client } = engine()
    const store = await shown(client)
    const rows = Array.from({ length: 250 }, (_, i) => ({ name: String(i), value: { type: 'number', text: String(i) }, getter: false, internal: false, inherited: false }))
    client.handlers['debugger.properties'] = ({ offset = 0, limit = 100 }) => ({ total: rows.length, rows: rows.slice(offset, offset + limit) })
    client.emit('debugger.paused', paused(1, [frame('f', 1)]))
    await store.getState().loadVariables('arr')
    expect(store.getState().variables.arr?.rows).toHaveLength(propertiesPageSize)
    await store.getState().loadVariables('arr', true)
    await store.getState().loadVariables('arr', true)
    const entry = store.getState().variables.arr
    expect(entry?.rows.map((r) => r.name)).toEqual(rows.map((r) => r.name))
    expect(entry?.total).toBe(250)
    expect((client.callsOf('debugger.properties') as RequestParams<'debugger.properties'>[]).map((p) => p.offset)).toEqual([0, 100, 200])
  })

  it('runs getters on demand and evaluates in the selected frame, or globally while running', async () => {
    const { client } = engine()
    const store = await shown(client)
    client.handlers['debugger.invokeGetter'] = ({ name }) => ({ value: { type: 'number', text: name === 'total' ? '42' : '0' }, threw: false })
    client.handlers['debugger.evaluate'] = ({ expression }) =>
      expression === 'boom' ? { value: { type: 'object', subtype: 'error', text: 'ReferenceError: boom is not defined' }, threw: true } : { value: { type: 'number', text: '3' }, threw: false }

    await store.getState().evaluate('1 + 2')
    expect(client.callsOf('debugger.evaluate').at(-1)).toEqual({ targetId: 't1', expression: '1 + 2' })
    expect(store.getState().evaluations[0]).toMatchObject({ scope: 'global', status: 'done', result: { value: { text: '3' } } })

    client.emit('debugger.paused', paused(1, [frame('processTick', 3), frame('outer', 9)]))
    store.getState().selectFrame(1)
    await store.getState().evaluate('boom')
    expect(client.callsOf('debugger.evaluate').at(-1)).toEqual({ targetId: 't1', expression: 'boom', callFrameId: 'cf-outer' })
    expect(store.getState().evaluations[1]).toMatchObject({ scope: 'outer', status: 'done', result: { threw: true } })

    await store.getState().invokeGetter('order1', 'total')
    expect(store.getState().getters[getterKey('order1', 'total')]).toEqual({ status: 'loaded', result: { value: { type: 'number', text: '42' }, threw: false } })

    for (let i = 0; i < maxEvaluations + 5; i++) await store.getState().evaluate(`${i}`)
    expect(store.getState().evaluations).toHaveLength(maxEvaluations)
    expect(store.getState().evaluations.at(-1)?.expression).toBe(String(maxEvaluations + 4))
  })

  it('hovers side-effect free in the selected frame, and shows nothing for what throws or fails', async () => {
    const { client } = engine()
    const store = await shown(client)
    expect(await store.getState().tryHoverValue('order')).toBeNull()
    expect(client.callsOf('debugger.evaluate')).toEqual([])

    client.handlers['debugger.evaluate'] = ({ expression }) => {
      if (expression === 'slow') throw { code: 'TIMEOUT', message: 'evaluation timed out' }
      return expression === 'order' ? { value: { type: 'object', className: 'Order', text: 'Order', objectId: 'o1' }, threw: false } : { value: { type: 'object', text: 'ReferenceError' }, threw: true }
    }
    client.emit('debugger.paused', paused(1, [frame('processTick', 3)]))
    expect(await store.getState().tryHoverValue('order')).toMatchObject({ value: { objectId: 'o1' } })
    expect(client.callsOf('debugger.evaluate').at(-1)).toMatchObject({ callFrameId: 'cf-processTick', sideEffectFree: true })
    expect(await store.getState().tryHoverValue('missing')).toBeNull()
    expect(await store.getState().tryHoverValue('slow')).toBeNull()
    expect(store.getState().actionError).toBeNull()
  })

  it('sends stepping, pause and exception options, and reports a failure as one line', async () => {
    const { client } = engine()
    const store = await shown(client)
    await store.getState().resumeOrPause()
    expect(client.callsOf('debugger.pause')).toEqual([{ targetId: 't1' }])
    await store.getState().step('over')
    expect(client.callsOf('debugger.step')).toEqual([])

    client.emit('debugger.paused', paused(1, [frame('f', 1)]))
    await store.getState().step('into')
    await store.getState().step('out')
    await store.getState().resumeOrPause()
    expect(client.callsOf('debugger.step')).toEqual([
      { targetId: 't1', action: 'into' },
      { targetId: 't1', action: 'out' }
    ])
    expect(client.callsOf('debugger.resume')).toEqual([{ targetId: 't1' }])

    await store.getState().setPauseOnExceptions('all')
    expect(store.getState().options.exceptions).toBe('all')
    await store.getState().setPauseOnDebuggerStatements(true)
    expect(client.callsOf('debugger.setPauseOptions').at(-1)).toEqual({ targetId: 't1', debuggerStatements: true })
    expect(store.getState().options.debuggerStatements).toBe(true)
    client.emit('debugger.options', { targetId: 't1', options: { exceptions: 'uncaught', debuggerStatements: false } })
    expect(store.getState().options.exceptions).toBe('uncaught')

    client.handlers['debugger.resume'] = () => Promise.reject({ code: 'TARGET_EXITED', message: 'the target exited\nstack' })
    await store.getState().resume()
    expect(store.getState().actionError).toBe('the target exited')
    store.getState().dismissError()
    expect(store.getState().actionError).toBeNull()
  })

  it('keeps the open file and the evaluations when the view comes back to the same target', async () => {
    const { client } = engine()
    client.handlers['debugger.evaluate'] = () => ({ value: { type: 'number', text: '2' }, threw: false })
    const store = await shown(client)
    await store.getState().openSource({ url: demoUrl }, 2)
    await store.getState().evaluate('1 + 1')
    store.getState().hide()
    store.getState().show('t1', false)
    expect(store.getState().open).toMatchObject({ key: demoUrl, status: 'loaded' })
    expect(store.getState().evaluations).toHaveLength(1)
    await settle()
    expect(client.callsOf('debugger.state')).toHaveLength(2)

    store.getState().hide()
    store.getState().show('t2', false)
    expect(store.getState().open).toBeNull()
    expect(store.getState().evaluations).toEqual([])
  })

  it('drops a file that arrives for a target no longer shown', async () => {
    const { client } = engine()
    const store = await shown(client)
    let release: () => void = () => {}
    client.handlers['debugger.source'] = ({ url }) =>
      new Promise((resolve) => (release = () => resolve({ url: url ?? '', text: 'late', language: 'javascript', kind: 'script' })))
    const opening = store.getState().openSource({ url: demoUrl })
    store.getState().hide()
    store.getState().show('t2', false)
    release()
    await opening
    expect(store.getState().open).toBeNull()
  })

  it('changes nothing in a read-only session', async () => {
    const { client } = engine({ breakpoints: [breakpoint('b1', 2)] })
    const store = createDebuggerStore(client)
    store.getState().show('t1', true)
    await settle()
    await store.getState().openSource({ url: demoUrl })
    await store.getState().toggleLineBreakpoint(2)
    await store.getState().toggleLineBreakpoint(3)
    await store.getState().removeAllBreakpoints()
    await store.getState().pause()
    await store.getState().evaluate('1')
    const writes = client.calls.filter((c) => !['debugger.state', 'debugger.sources', 'debugger.source', 'debugger.history'].includes(c.name))
    expect(writes).toEqual([])
    expect(store.getState().breakpoints.map((b) => b.id)).toEqual(['b1'])
  })

  it('reads where a recorded target stopped, and shows each place: its file when kept, else only where', async () => {
    const { client } = engine()
    const kept = 'file:///app/src/a.ts'
    const bp = breakpoint('b1', 4, { url: kept, hits: 2 })
    client.handlers['debugger.sources'] = () => [source('src/a.ts', { url: kept, kind: 'original' })]
    client.handlers['debugger.history'] = ({ targetId }) => ({
      targetId,
      entries: [
        { kind: 'pause', time: 1000, targetId, reason: 'breakpoint', description: 'Paused on breakpoint', location: { url: kept, line: 4, column: 3 }, functionName: 'total', breakpointIds: ['b1'] },
        { kind: 'logpoint', time: 1001, targetId, breakpointId: 'b2', text: 'n=3', location: { url: 'file:///app/dist/other.js', line: 9, column: 1 } }
      ],
      breakpoints: [bp],
      sources: [],
      skipped: 0
    })
    const store = createDebuggerStore(client)
    store.getState().show('t1', true)
    await settle()
    const s = store.getState()
    expect(s.history?.map((e) => e.kind)).toEqual(['pause', 'logpoint'])
    expect(s.breakpoints).toEqual([bp])

    await store.getState().openHistoryEntry(s.history![0])
    expect(store.getState().open).toMatchObject({ key: kept, status: 'loaded' })
    expect(store.getState().reveal).toEqual({ line: 4 })
    await store.getState().showStop(1)
    expect(store.getState().shownStop).toBe(1)
    expect(store.getState().open).toEqual({ key: 'file:///app/dist/other.js', url: 'file:///app/dist/other.js', status: 'location', line: 9 })
    expect(client.callsOf('debugger.source')).toEqual([{ targetId: 't1', url: kept }])
    // The editor never opens on a recording.
    store.getState().editBreakpoint(4, { left: 0, top: 0, bottom: 0 })
    expect(store.getState().editing).toBeNull()
  })

  it('says so in one line when a recording cannot be read back', async () => {
    const { client } = engine()
    client.handlers['debugger.history'] = () => {
      throw { code: 'BAD_SESSION', message: 'the session has no file yet' }
    }
    const store = createDebuggerStore(client)
    store.getState().show('t1', true)
    await settle()
    expect(store.getState()).toMatchObject({ history: [], historyError: 'the session has no file yet' })
  })

  it('knows which threads are paused: asked when shown, then from events, shown or not', async () => {
    const { client } = engine()
    client.handlers['debugger.paused'] = ({ targetId }) => (targetId === 'w1' ? paused(4, [frame('resize', 7)], { targetId: 'w1' }) : null)
    const store = createDebuggerStore(client)
    followDebuggerEvents(client, store)
    store.getState().show('t1', false, ['t1', 'w1', 'w2'])
    await settle()
    expect(client.callsOf('debugger.paused')).toEqual([{ targetId: 'w1' }, { targetId: 'w2' }])
    expect(Object.keys(store.getState().pauses)).toEqual(['w1'])
    expect(store.getState().paused).toBeNull()

    client.emit('debugger.paused', paused(1, [frame('f', 1)], { targetId: 'w2' }))
    expect(Object.keys(store.getState().pauses).sort()).toEqual(['w1', 'w2'])
    // A resume of an older pause leaves the newer one.
    client.emit('debugger.resumed', { targetId: 'w1', pauseId: 3 })
    expect(Object.keys(store.getState().pauses).sort()).toEqual(['w1', 'w2'])
    client.emit('debugger.resumed', { targetId: 'w1', pauseId: 4 })
    expect(Object.keys(store.getState().pauses)).toEqual(['w2'])

    // Shown on another thread: what the engine says of it now wins (the stub says it runs).
    store.getState().show('w2', false)
    await settle()
    expect(store.getState().pauses).toEqual({})
    // With no Sources view open, pauses are still followed.
    store.getState().hide()
    client.emit('debugger.paused', paused(5, [frame('f', 1)]))
    expect(Object.keys(store.getState().pauses)).toEqual(['t1'])
    expect(store.getState().paused).toBeNull()
  })

  it('runs the debugger keys on any target, shown or not: F8 resumes or pauses, the steps act while paused', async () => {
    const { client } = engine()
    const store = createDebuggerStore(client)
    followDebuggerEvents(client, store)
    await store.getState().runCommand('t1', 'stepOver')
    expect(client.callsOf('debugger.step')).toEqual([])
    await store.getState().runCommand('t1', 'resumeOrPause')
    expect(client.callsOf('debugger.pause')).toEqual([{ targetId: 't1' }])

    client.emit('debugger.paused', paused(1, [frame('f', 1)]))
    await store.getState().runCommand('t1', 'stepOver')
    await store.getState().runCommand('t1', 'stepInto')
    await store.getState().runCommand('t1', 'stepOut')
    expect(client.callsOf('debugger.step')).toEqual([
      { targetId: 't1', action: 'over' },
      { targetId: 't1', action: 'into' },
      { targetId: 't1', action: 'out' }
    ])
    await store.getState().runCommand('t1', 'resumeOrPause')
    expect(client.callsOf('debugger.resume')).toEqual([{ targetId: 't1' }])
    client.emit('debugger.resumed', { targetId: 't1', pauseId: 1 })
    await store.getState().runCommand('t1', 'stepOver')
    expect(client.callsOf('debugger.step')).toHaveLength(3)

    // A recording shown is never driven.
    store.getState().show('t1', true)
    await settle()
    await store.getState().runCommand('t1', 'resumeOrPause')
    expect(client.callsOf('debugger.pause')).toHaveLength(1)
  })

  it('asks the targets it believes paused again after a reconnect', async () => {
    const { client } = engine()
    const { store, dispose } = connectDebuggerStore(client, { targets: () => [], selectedTargetId: () => null, activeView: () => 'console', showView: () => undefined })
    client.emit('debugger.paused', paused(1, [frame('f', 1)], { targetId: 'w1' }))
    client.emit('debugger.paused', paused(2, [frame('f', 1)], { targetId: 'w2' }))
    client.handlers['debugger.paused'] = ({ targetId }) => (targetId === 'w2' ? paused(3, [frame('g', 2)], { targetId }) : null)
    client.setConnection('reconnecting')
    client.setConnection('connected')
    await settle()
    expect(Object.keys(store.getState().pauses)).toEqual(['w2'])
    expect(store.getState().pauses.w2?.pauseId).toBe(3)
    dispose()
    expect(client.listenerCount()).toBe(0)
  })

  it('brings the Sources view forward when the selected target pauses', () => {
    const client = new MemoryClient()
    let view = 'console'
    let selected: string | null = 't1'
    const off = showSourcesOnPause(client, { selectedTargetId: () => selected, activeView: () => view, showView: (id) => (view = id) })
    client.emit('debugger.paused', paused(1, [frame('f', 1)], { targetId: 'w1' }))
    expect(view).toBe('console')
    client.emit('debugger.paused', paused(1, [frame('f', 1)]))
    expect(view).toBe('sources')
    view = 'errors'
    selected = null
    client.emit('debugger.paused', paused(2, [frame('f', 1)]))
    expect(view).toBe('errors')
    selected = 't1'
    off()
    client.emit('debugger.paused', paused(3, [frame('f', 1)]))
    expect(view).toBe('errors')
  })

  it('ignores breakpoints of other processes and answers for a target no longer shown', async () => {
    const { client } = engine()
    let release: () => void = () => {}
    const fast = client.handlers['debugger.state']!
    client.handlers['debugger.state'] = (params) => (params.targetId === 'slow' ? new Promise((r) => (release = () => r(fast(params)))) : fast(params))
    const store = createDebuggerStore(client)
    followDebuggerEvents(client, store)
    store.getState().show('slow', false)
    store.getState().show('t1', false)
    await settle()
    release()
    await settle()
    expect(store.getState().targetId).toBe('t1')
    client.emit('debugger.breakpoints', { rootId: 'other', breakpoints: [breakpoint('x', 1, { rootId: 'other' })] })
    expect(store.getState().breakpoints).toEqual([])
    client.emit('debugger.breakpoints', { rootId: 't1', breakpoints: [breakpoint('y', 1)] })
    expect(store.getState().breakpoints.map((b) => b.id)).toEqual(['y'])
    store.getState().hide()
    client.emit('debugger.paused', paused(1, [frame('f', 1)]))
    expect(store.getState().paused).toBeNull()
  })
})
