// Conditions, hit counts, logpoints and function breakpoints on a real target: each pauses (or
// prints) exactly when it should, and the hits are counted exactly.
import { afterEach, expect, it, vi } from 'vitest'
import { newWorkbench, stopAllNodes } from '../../targets/test/harness'
import type { Workbench } from '../../workbench'
import { fixture, goFile, launch, letGo, lineOf, PauseQueue } from './debugHarness'

const cart = fixture('cart.cjs')
const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})

async function started() {
  const wb = newWorkbench()
  workbenches.push(wb)
  const go = goFile()
  const target = await launch(wb, cart, [go])
  return { wb, target, go, pauses: new PauseQueue(wb, target.id) }
}

async function consoleTexts(wb: Workbench, targetId: string): Promise<string[]> {
  wb.console.flush()
  return (await wb.invoke('console.query', { targetId, limit: 10_000 })).events.map((e) => e.text)
}

async function untilDone(wb: Workbench, targetId: string): Promise<void> {
  await vi.waitFor(async () => expect(await consoleTexts(wb, targetId)).toContain('done'), { timeout: 15_000, interval: 20 })
}

async function valueIn(wb: Workbench, targetId: string, callFrameId: string, expression: string): Promise<string> {
  return (await wb.invoke('debugger.evaluate', { targetId, callFrameId, expression })).value.text
}

it('pauses only where the condition holds, and on exactly the hits asked for', async () => {
  const { wb, target, go, pauses } = await started()
  const conditional = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@call-square'), condition: 'i === 4' })
  const counted = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@square-body'), hitCondition: { op: '==', count: 2 } })
  const everyOther = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@square-return'), hitCondition: { op: '%', count: 2 } })
  letGo(go)

  const seen: Array<[string, string]> = []
  for (let k = 0; k < 4; k++) {
    const state = await pauses.next()
    seen.push([state.hitBreakpoints.join(','), await valueIn(wb, target.id, state.callFrames[0].callFrameId!, state.callFrames[0].functionName === 'work' ? 'i' : 'n')])
    await wb.invoke('debugger.resume', { targetId: target.id })
  }
  await untilDone(wb, target.id)
  // square(2) is the 2nd hit of `counted`; square(2) and square(4) the 2nd and 4th of `everyOther`.
  expect(seen).toEqual([
    [counted.id, '2'],
    [everyOther.id, '2'],
    [conditional.id, '4'],
    [everyOther.id, '4']
  ])
  expect(pauses.pending).toBe(0)
  const hits = Object.fromEntries((await wb.invoke('debugger.breakpoints', { targetId: target.id })).map((b) => [b.id, b.hits]))
  expect(hits).toEqual({ [conditional.id]: 1, [counted.id]: 5, [everyOther.id]: 5 })
})

it('prints logpoints into the console stream at their line, without pausing', async () => {
  const { wb, target, go, pauses } = await started()
  const line = lineOf(cart, '@square-return')
  const logpoint = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line, logMessage: 'square of {n} is {result}, 100% {({ n }).n > 2}' })
  const quiet = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@square-body'), logMessage: 'only {n}', condition: 'n === 3' })
  letGo(go)
  await untilDone(wb, target.id)
  wb.console.flush()
  const events = (await wb.invoke('console.query', { targetId: target.id, limit: 10_000 })).events
  const logged = events.filter((e) => e.text.startsWith('square of') || e.text.startsWith('only'))
  expect(logged.map((e) => e.text)).toEqual([
    'square of 1 is 1, 100% false',
    'square of 2 is 4, 100% false',
    'only 3',
    'square of 3 is 9, 100% true',
    'square of 4 is 16, 100% true',
    'square of 5 is 25, 100% true'
  ])
  // The line is the logpoint's, not the code the debugger wrote.
  expect(logged[0].location).toMatchObject({ url: expect.stringContaining('cart.cjs'), line })
  expect(pauses.pending).toBe(0)
  const hits = Object.fromEntries((await wb.invoke('debugger.breakpoints', { targetId: target.id })).map((b) => [b.id, b.hits]))
  expect(hits).toEqual({ [logpoint.id]: 5, [quiet.id]: 1 })
})

it('breaks when a function found by name is called', async () => {
  const { wb, target, go, pauses } = await started()
  const bySquare = await wb.invoke('debugger.setFunctionBreakpoint', { targetId: target.id, functionName: 'square', hitCondition: { op: '==', count: 3 } })
  expect(bySquare).toMatchObject({ kind: 'function', functionName: 'square', state: 'bound' })
  expect(bySquare.locations[0].location.line).toBe(lineOf(cart, '@square-body'))
  const byMethod = await wb.invoke('debugger.setFunctionBreakpoint', { targetId: target.id, functionName: 'Cart.prototype.add', condition: 'item.price > 4' })
  expect(byMethod.locations[0].location.line).toBe(lineOf(cart, '@cart-add'))
  await expect(wb.invoke('debugger.setFunctionBreakpoint', { targetId: target.id, functionName: 'noSuchFunction' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('noSuchFunction') })
  await expect(wb.invoke('debugger.setFunctionBreakpoint', { targetId: target.id, functionName: 'process.pid' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('not a function') })
  letGo(go)
  const first = await pauses.next()
  expect(first.hitBreakpoints).toEqual([byMethod.id])
  expect(await valueIn(wb, target.id, first.callFrames[0].callFrameId!, 'item.name')).toBe("'ink'")
  await wb.invoke('debugger.removeBreakpoint', { targetId: target.id, breakpointId: byMethod.id })
  await wb.invoke('debugger.resume', { targetId: target.id })
  const second = await pauses.next()
  expect(second.hitBreakpoints).toEqual([bySquare.id])
  expect(await valueIn(wb, target.id, second.callFrames[0].callFrameId!, 'n')).toBe('3')
  await wb.invoke('debugger.resume', { targetId: target.id })
  await untilDone(wb, target.id)
})
