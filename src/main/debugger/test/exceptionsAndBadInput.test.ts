// Pause on exceptions per mode (with exception capture still recording), and the bad input of
// the issue: a breakpoint on a line without code, a condition that throws, an evaluation that
// hangs, a target that exits while paused, requests that make no sense.
import { afterEach, expect, it, vi } from 'vitest'
import { newWorkbench, nodeBinaries, stopAllNodes } from '../../targets/test/harness'
import type { Workbench } from '../../workbench'
import { fixture, goFile, letGo, lineOf, PauseQueue } from './debugHarness'

const cart = fixture('cart.cjs')
const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})

async function started(mode = 'work', node = process.execPath) {
  const wb = newWorkbench()
  workbenches.push(wb)
  const go = goFile()
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [node, cart, go, mode] })
  return { wb, target, go, pauses: new PauseQueue(wb, target.id) }
}

async function consoleTexts(wb: Workbench, targetId: string): Promise<string[]> {
  wb.console.flush()
  return (await wb.invoke('console.query', { targetId, limit: 10_000 })).events.map((e) => e.text)
}

const modes = [
  { mode: 'all' as const, expected: [['exception', false, '@caught-throw'], ['exception', true, '@uncaught-throw']] },
  { mode: 'uncaught' as const, expected: [['exception', true, '@uncaught-throw']] },
  { mode: 'none' as const, expected: [] }
]
it.each(nodeBinaries.flatMap((node) => modes.map((m) => ({ ...m, node: node.path, nodeName: node.name }))))('pauses on exceptions in mode $mode, and exception capture still records the uncaught one ($nodeName)', async ({ mode, expected, node }) => {
  const { wb, target, go, pauses } = await started('throw', node)
  expect(await wb.invoke('debugger.setPauseOptions', { targetId: target.id, exceptions: mode })).toEqual({ exceptions: mode, debuggerStatements: false })
  letGo(go)
  const seen: unknown[] = []
  for (const _ of expected) {
    const state = await pauses.next()
    seen.push([state.reason, state.uncaught, state.callFrames[0].location.line])
    expect(state.exception?.subtype).toBe('error')
    expect(state.description).toMatch(/^Paused on exception: (RangeError|TypeError)/)
    await wb.invoke('debugger.resume', { targetId: target.id })
  }
  expect(seen).toEqual(expected.map(([reason, uncaught, marker]) => [reason, uncaught, lineOf(cart, marker as string)]))
  await vi.waitFor(async () => expect(await consoleTexts(wb, target.id)).toContain('Uncaught TypeError: not caught'), { timeout: 15_000, interval: 20 })
  // The caught one is never reported as uncaught, whatever the mode.
  expect((await consoleTexts(wb, target.id)).some((t) => t.includes('caught on purpose'))).toBe(false)
  expect(pauses.pending).toBe(0)
})

it('moves a breakpoint on a line without code to the next breakable line', async () => {
  const { wb, target, go, pauses } = await started()
  const blank = lineOf(cart, '// nothing on this line') - 1
  const bp = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: blank })
  expect(bp).toMatchObject({ line: blank, state: 'bound' })
  expect(bp.locations.map((l) => l.location.line)).toEqual([lineOf(cart, '@work-return')])
  const lines = await wb.invoke('debugger.breakableLines', { targetId: target.id, url: bp.locations[0].location.url, startLine: blank - 2, endLine: blank + 2 })
  expect(lines).toEqual([lineOf(cart, '@call-square') - 1, lineOf(cart, '@call-square'), lineOf(cart, '@work-return')])
  letGo(go)
  const state = await pauses.next()
  expect(state.callFrames[0].location.line).toBe(lineOf(cart, '@work-return'))
  await wb.invoke('debugger.removeAllBreakpoints', { targetId: target.id })
  await wb.invoke('debugger.resume', { targetId: target.id })
})

it('reports a condition that throws, once, and never pauses on it', async () => {
  const { wb, target, go, pauses } = await started()
  const bp = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@square-body'), condition: 'missing.value > 1' })
  letGo(go)
  await vi.waitFor(async () => expect(await consoleTexts(wb, target.id)).toContain('done'), { timeout: 15_000, interval: 20 })
  const [after] = await wb.invoke('debugger.breakpoints', { targetId: target.id })
  expect(after).toMatchObject({ id: bp.id, message: 'the condition threw ReferenceError: missing is not defined', hits: 0 })
  expect(pauses.pending).toBe(0)
  // Nothing of it reached the program's own output.
  expect((await consoleTexts(wb, target.id)).some((t) => t.includes('missing'))).toBe(false)
})

it('refuses conditions that do not parse and requests that make no sense', async () => {
  const { wb, target } = await started()
  await expect(wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: 3, condition: 'i ===' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('condition is not a valid expression') })
  await expect(wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: 3, logMessage: 'x {a b}' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  await expect(wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  await expect(wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: 3, logMessage: 'x', hitCondition: { op: '==', count: 2 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  await expect(wb.invoke('debugger.resume', { targetId: target.id })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'the target is not paused' })
  await expect(wb.invoke('debugger.step', { targetId: target.id, action: 'over' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  await expect(wb.invoke('debugger.removeBreakpoint', { targetId: target.id, breakpointId: 'bp999' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  await expect(wb.invoke('debugger.state', { targetId: 'nope' })).rejects.toMatchObject({ code: 'UNKNOWN_TARGET' })
  await expect(wb.invoke('debugger.source', { targetId: target.id, url: 'file:///no/such/file.js' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  await expect(wb.invoke('debugger.properties', { targetId: target.id, objectId: '{"bogus":1}' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
})

it('stops an evaluation that hangs, and the target keeps working', async () => {
  const { wb, target, go, pauses } = await started()
  await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@square-body') })
  letGo(go)
  const state = await pauses.next()
  const callFrameId = state.callFrames[0].callFrameId!
  await expect(wb.invoke('debugger.evaluate', { targetId: target.id, callFrameId, expression: 'while (true) {}', timeoutMs: 200 })).rejects.toMatchObject({ code: 'TIMEOUT' })
  expect(await wb.invoke('debugger.evaluate', { targetId: target.id, callFrameId, expression: 'n + 1' })).toMatchObject({ value: { text: '2' } })
  await expect(wb.invoke('debugger.evaluate', { targetId: target.id, expression: 'for (;;) {}', timeoutMs: 200 })).rejects.toMatchObject({ code: 'TIMEOUT' })
  await wb.invoke('debugger.removeAllBreakpoints', { targetId: target.id })
  await wb.invoke('debugger.resume', { targetId: target.id })
  await vi.waitFor(async () => expect(await consoleTexts(wb, target.id)).toContain('done'), { timeout: 15_000, interval: 20 })
})

it('lets go of a target that exits while paused', async () => {
  const { wb, target, go, pauses } = await started('spin')
  await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@square-body') })
  letGo(go)
  const state = await pauses.next()
  const resumed = new Promise<number>((resolve) => wb.on('debugger.resumed', ({ pauseId }) => resolve(pauseId)))
  process.kill(wb.targets.get(target.id)!.pid!, 'SIGKILL')
  expect(await resumed).toBe(state.pauseId)
  await vi.waitFor(() => expect(wb.targets.get(target.id)?.state).toBe('exited'), { timeout: 15_000, interval: 20 })
  expect(await wb.invoke('debugger.paused', { targetId: target.id })).toBeNull()
  await expect(wb.invoke('debugger.evaluate', { targetId: target.id, callFrameId: state.callFrames[0].callFrameId!, expression: 'n' })).rejects.toMatchObject({ code: 'TARGET_EXITED' })
  await expect(wb.invoke('debugger.resume', { targetId: target.id })).rejects.toMatchObject({ code: 'TARGET_EXITED' })
  const [bp] = await wb.invoke('debugger.breakpoints', { targetId: target.id })
  expect(bp).toMatchObject({ state: 'pending', locations: [] })
})
