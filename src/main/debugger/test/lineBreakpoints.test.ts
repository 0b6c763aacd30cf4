// Line breakpoints on a plain JavaScript target: hit at the exact line, variables of every kind,
// stepping with exact lines, the return value on step out, conditions and hit counts.
import { afterEach, expect, it, vi } from 'vitest'
import type { PausedState } from '../../../shared/debuggerTypes'
import { newWorkbench, nodeBinaries, stopAllNodes } from '../../targets/test/harness'
import type { Workbench } from '../../workbench'
import { fixture, goFile, launch, letGo, lineOf, PauseQueue } from './debugHarness'

const cart = fixture('cart.cjs')
const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})

async function started(args: string[] = [], node = process.execPath) {
  const wb = newWorkbench()
  workbenches.push(wb)
  const go = goFile()
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [node, cart, go, ...args] })
  const pauses = new PauseQueue(wb, target.id)
  return { wb, target, go, pauses }
}

async function localsOf(wb: Workbench, state: PausedState): Promise<Record<string, string>> {
  const local = state.callFrames[0].scopes.find((s) => s.type === 'local')!
  const { rows } = await wb.invoke('debugger.properties', { targetId: state.targetId, objectId: local.objectId })
  return Object.fromEntries(rows.map((r) => [r.name, r.value.text]))
}

it.each(nodeBinaries)('pauses at a line breakpoint, steps over, into and out with exact lines, and shows the return value ($name)', async ({ path: node }) => {
  const { wb, target, go, pauses } = await started([], node)
  const callLine = lineOf(cart, '@call-square')
  const bp = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: callLine })
  expect(bp).toMatchObject({ kind: 'line', line: callLine, enabled: true, state: 'bound' })
  expect(bp.locations[0].location.line).toBe(callLine)
  letGo(go)

  const first = await pauses.next()
  expect(first).toMatchObject({ reason: 'breakpoint', hitBreakpoints: [bp.id] })
  expect(first.callFrames[0]).toMatchObject({ functionName: 'work', location: { line: callLine } })
  expect(first.callFrames[1]).toMatchObject({ functionName: 'main', location: { line: lineOf(cart, '@loop') } })
  expect(first.description).toContain(`cart.cjs:${callLine}`)

  const squareBody = lineOf(cart, '@square-body')
  const workReturn = lineOf(cart, '@work-return')
  await wb.invoke('debugger.step', { targetId: target.id, action: 'into' })
  const into = await pauses.next()
  expect(into).toMatchObject({ reason: 'step', returnValue: null })
  expect(into.callFrames[0]).toMatchObject({ functionName: 'square', location: { line: squareBody } })
  expect(await localsOf(wb, into)).toMatchObject({ n: '1' })
  // Straight out from the first line: the return value is still shown.
  await wb.invoke('debugger.step', { targetId: target.id, action: 'out' })
  const out = await pauses.next()
  // Out of square, the rest of its caller's line is no place to stop: the next statement is.
  expect(out).toMatchObject({ reason: 'step', returnValue: { text: '1' } })
  expect(out.callFrames[0]).toMatchObject({ functionName: 'work', location: { line: workReturn } })

  await wb.invoke('debugger.resume', { targetId: target.id })
  const second = await pauses.next()
  expect(second).toMatchObject({ reason: 'breakpoint' })
  expect(second.callFrames[0].location.line).toBe(callLine)
  expect(await localsOf(wb, second)).toMatchObject({ i: '2' })
  await wb.invoke('debugger.step', { targetId: target.id, action: 'into' })
  await pauses.next()
  await wb.invoke('debugger.step', { targetId: target.id, action: 'over' })
  const over = await pauses.next()
  expect(over.callFrames[0].location.line).toBe(lineOf(cart, '@square-return'))
  expect(await localsOf(wb, over)).toMatchObject({ n: '2', result: '4' })
  // Paused on a return statement: V8 has the value the function is about to return.
  expect(over.returnValue?.text).toBe('4')
  await wb.invoke('debugger.step', { targetId: target.id, action: 'over' })
  const back = await pauses.next()
  expect(back.callFrames[0]).toMatchObject({ functionName: 'work', location: { line: workReturn } })

  await wb.invoke('debugger.removeBreakpoint', { targetId: target.id, breakpointId: bp.id })
  await wb.invoke('debugger.resume', { targetId: target.id })
  await vi.waitFor(async () => expect((await wb.invoke('console.query', { targetId: target.id })).events.map((e) => e.text)).toContain('done'), { timeout: 15_000, interval: 20 })
  expect(pauses.pending).toBe(0)
})

it('shows variables of every kind, one level at a time, with getters run on demand', async () => {
  const { wb, target, go, pauses } = await started()
  await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@work-return') })
  letGo(go)
  const state = await pauses.next()
  const local = state.callFrames[0].scopes.find((s) => s.type === 'local')!
  const { rows } = await wb.invoke('debugger.properties', { targetId: target.id, objectId: local.objectId })
  const byName = new Map(rows.map((r) => [r.name, r]))
  expect(byName.get('i')?.value.text).toBe('1')
  expect(byName.get('sq')?.value.text).toBe('1')
  expect(byName.get('list')?.value).toMatchObject({ subtype: 'array', text: "[ 1, 2, 'three' ]" })
  expect(byName.get('map')?.value).toMatchObject({ subtype: 'map', text: "Map(2) { 'a' => 1, 'b' => { deep: true } }" })
  expect(byName.get('set')?.value).toMatchObject({ subtype: 'set', text: 'Set(3) { 1, 2, 3 }' })
  const cartValue = byName.get('cart')!.value
  expect(cartValue).toMatchObject({ className: 'Cart' })

  const expand = async (objectId: string) => (await wb.invoke('debugger.properties', { targetId: target.id, objectId })).rows
  // A Map's entries are an internal slot, expanded lazily into key/value pairs.
  const mapRows = await expand(byName.get('map')!.value.objectId!)
  const entries = mapRows.find((r) => r.name === '[[Entries]]')!
  expect(entries.internal).toBe(true)
  const pairs = await expand(entries.value.objectId!)
  const second = await expand(pairs.find((r) => r.name === '1')!.value.objectId!)
  expect(Object.fromEntries(second.map((r) => [r.name, r.value.text]))).toMatchObject({ key: "'b'", value: '{ deep: true }' })
  const setEntries = await expand((await expand(byName.get('set')!.value.objectId!)).find((r) => r.name === '[[Entries]]')!.value.objectId!)
  expect(setEntries.filter((r) => /^\d+$/.test(r.name)).map((r) => r.value.text)).toEqual(['{ value: 1 }', '{ value: 2 }', '{ value: 3 }'])

  // The class instance: own fields, the private field, and the class's getter, not yet run.
  const cartRows = await expand(cartValue.objectId!)
  const cartByName = new Map(cartRows.map((r) => [r.name, r]))
  expect(cartByName.get('owner')?.value.text).toBe("'ada'")
  expect(cartByName.get('items')?.value).toMatchObject({ subtype: 'array', text: '[ {...}, {...} ]' })
  expect(cartByName.get('#secret')?.value.text).toBe("'hidden'")
  expect(cartByName.get('total')).toMatchObject({ getter: true, inherited: true, value: { text: '(...)' } })
  expect(cartByName.get('[[Prototype]]')?.internal).toBe(true)
  const total = await wb.invoke('debugger.invokeGetter', { targetId: target.id, objectId: cartValue.objectId!, name: 'total' })
  expect(total).toEqual({ value: { type: 'number', text: '7' }, threw: false })

  // A window of a big array's rows.
  const page = await wb.invoke('debugger.properties', { targetId: target.id, objectId: byName.get('list')!.value.objectId!, offset: 1, limit: 1 })
  expect(page.rows).toEqual([expect.objectContaining({ name: '1', value: expect.objectContaining({ text: '2' }) })])

  // Evaluate in the paused frame, and hover (no side effects allowed).
  const frameId = state.callFrames[0].callFrameId!
  expect(await wb.invoke('debugger.evaluate', { targetId: target.id, callFrameId: frameId, expression: 'sq + i * 10' })).toEqual({ value: { type: 'number', text: '11' }, threw: false })
  const hover = await wb.invoke('debugger.evaluate', { targetId: target.id, callFrameId: frameId, expression: 'cart.add({ price: 1 })', sideEffectFree: true })
  expect(hover.threw).toBe(true)
  const thrown = await wb.invoke('debugger.evaluate', { targetId: target.id, callFrameId: frameId, expression: 'nosuch.name' })
  expect(thrown).toMatchObject({ threw: true, value: { subtype: 'error', text: expect.stringContaining('ReferenceError') } })
  await wb.invoke('debugger.resume', { targetId: target.id })
})

it('shows the async frames that led to a pause, after the sync ones', async () => {
  const { wb, target, go, pauses } = await started(['async'])
  await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@square-body') })
  letGo(go)
  const state = await pauses.next()
  const sync = state.callFrames.filter((f) => f.callFrameId !== null)
  expect(sync.map((f) => [f.functionName, f.location.line])).toEqual([
    ['square', lineOf(cart, '@square-body')],
    ['later', lineOf(cart, '@later-square')]
  ])
  const asyncFrames = state.callFrames.filter((f) => f.callFrameId === null)
  expect(asyncFrames[0]).toMatchObject({ asyncBoundary: 'await', functionName: 'main', location: { line: lineOf(cart, '@async-call') }, scopes: [] })
  // Sync frames come first, then the async segments.
  expect(state.callFrames.slice(0, sync.length)).toEqual(sync)
  await wb.invoke('debugger.resume', { targetId: target.id })
  await vi.waitFor(async () => expect((await wb.invoke('console.query', { targetId: target.id })).events.map((e) => e.text)).toContain('later 49'), { timeout: 15_000, interval: 20 })
})

it('tells the views about sources and breakpoints in batches, and answers the whole state at once', async () => {
  const wb = newWorkbench()
  workbenches.push(wb)
  const sourceEvents: Array<{ targetId: string; added: string[]; reset: boolean }> = []
  wb.on('debugger.sources', ({ targetId, added, reset }) => sourceEvents.push({ targetId, added: added.map((s) => s.url), reset }))
  const breakpointEvents: string[][] = []
  wb.on('debugger.breakpoints', ({ breakpoints }) => breakpointEvents.push(breakpoints.map((b) => `${b.id}:${b.state}`)))
  const go = goFile()
  const target = await launch(wb, cart, [go])
  const pauses = new PauseQueue(wb, target.id)
  await vi.waitFor(() => expect(sourceEvents.flatMap((e) => e.added).some((url) => url.endsWith('cart.cjs'))).toBe(true), { timeout: 15_000, interval: 20 })
  // The session starts with a reset, then files in batches: far fewer events than files.
  expect(sourceEvents[0]).toMatchObject({ targetId: target.id, reset: true })
  const files = sourceEvents.flatMap((e) => e.added)
  expect(files.length).toBeGreaterThan(20)
  expect(sourceEvents.length).toBeLessThan(files.length / 5)

  const bp = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@square-body') })
  await vi.waitFor(() => expect(breakpointEvents.at(-1)).toEqual([`${bp.id}:bound`]), { timeout: 15_000, interval: 20 })
  // The same line again is the same breakpoint (changed, not doubled).
  const again = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@square-body'), enabled: false })
  expect(again).toMatchObject({ id: bp.id, state: 'disabled', locations: [] })
  const enabled = await wb.invoke('debugger.updateBreakpoint', { targetId: target.id, breakpointId: bp.id, enabled: true, condition: 'n === 2' })
  expect(enabled).toMatchObject({ state: 'bound', condition: 'n === 2' })
  letGo(go)
  const paused = await pauses.next()
  const state = await wb.invoke('debugger.state', { targetId: target.id })
  expect(state).toMatchObject({ targetId: target.id, rootId: target.id, attached: true, options: { exceptions: 'none', debuggerStatements: false }, paused: { pauseId: paused.pauseId } })
  expect(state.breakpoints).toEqual([expect.objectContaining({ id: bp.id, hits: 1 })])
  await wb.invoke('debugger.resume', { targetId: target.id })
  await vi.waitFor(async () => expect(await wb.invoke('debugger.paused', { targetId: target.id })).toBeNull(), { timeout: 15_000, interval: 20 })
})

it('pauses a busy target on request, and stops at debugger statements only when asked to', async () => {
  const { wb, target, go, pauses } = await started(['spin'])
  letGo(go)
  // Until the program is in its endless loop, a pause may land in the timer that waits for the go file.
  await vi.waitFor(
    async () => {
      await wb.invoke('debugger.pause', { targetId: target.id })
      const state = await pauses.next()
      expect(state.reason).toBe('pause')
      const inLoop = state.callFrames.some((f) => f.functionName === 'main')
      if (!inLoop) await wb.invoke('debugger.resume', { targetId: target.id })
      expect(inLoop).toBe(true)
    },
    { timeout: 15_000, interval: 20 }
  )
  // A statement typed in the evaluate box while paused: off by default, the debugger statement is passed over.
  const expression = 'globalThis.passes = (globalThis.passes ?? 0) + 1; debugger; globalThis.passes'
  expect((await wb.invoke('debugger.evaluate', { targetId: target.id, expression })).value.text).toBe('1')
  await wb.invoke('debugger.resume', { targetId: target.id })
  await wb.invoke('debugger.setPauseOptions', { targetId: target.id, debuggerStatements: true })
  const running = wb.invoke('debugger.evaluate', { targetId: target.id, expression: 'debugger; 42' })
  const atStatement = await pauses.next()
  expect(atStatement.reason).toBe('debuggerStatement')
  await wb.invoke('debugger.resume', { targetId: target.id })
  expect((await running).value.text).toBe('42')
})
