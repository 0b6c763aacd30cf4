// Golden: one debugger session on a real program (cart.cjs), compared with pauseAndStep.golden.txt:
// pause at a line breakpoint, step over, step into, step out, resume to the next hit; after each
// stop the reason, the location, the call stack, the return value and the locals of the top frame.
import { afterEach, expect, it, vi } from 'vitest'
import type { DebugCallFrame, PausedState } from '../../../shared/debuggerTypes'
import { newWorkbench, stopAllNodes } from '../../targets/test/harness'
import type { Workbench } from '../../workbench'
import { GoldenText } from '../../../../test/goldenText'
import { fixture, fixturesDir, goFile, letGo, lineOf, PauseQueue } from './debugHarness'

const cart = fixture('cart.cjs')
let workbench: Workbench | null = null
afterEach(async () => {
  await workbench?.dispose()
  workbench = null
  await stopAllNodes()
})

/** The program's frames one by one; each run of Node's own frames as one line (they differ between Node 20 releases). */
function callStack(frames: DebugCallFrame[]): string[] {
  const lines: string[] = []
  for (const frame of frames) {
    const boundary = frame.asyncBoundary ? `  -- ${frame.asyncBoundary} --` : null
    if (boundary) lines.push(boundary)
    if (frame.location.url.startsWith('node:')) {
      if (boundary || lines.at(-1) !== '  … Node internals') lines.push('  … Node internals')
      continue
    }
    lines.push(`  ${frame.functionName || '<anonymous>'} ${frame.location.url}:${frame.location.line}:${frame.location.column}${frame.callFrameId ? '' : ' (async)'}`)
  }
  return lines
}

async function describePause(wb: Workbench, golden: GoldenText, title: string, state: PausedState): Promise<void> {
  golden.log('')
  golden.log(`${title}: ${state.reason}${state.hitBreakpoints.length ? ` (${state.hitBreakpoints.length} breakpoint)` : ''}, ${state.description}`)
  if (state.returnValue) golden.log(`  returns ${state.returnValue.text}`)
  golden.log('call stack:')
  for (const line of callStack(state.callFrames)) golden.log(line)
  const top = state.callFrames[0]
  golden.log(`scopes of ${top.functionName || '<anonymous>'}: ${top.scopes.map((s) => s.name).join(', ')}`)
  const local = top.scopes.find((s) => s.type === 'local')!
  const { rows } = await wb.invoke('debugger.properties', { targetId: state.targetId, objectId: local.objectId })
  for (const row of rows) golden.log(`  ${row.name} = ${row.value.text}`)
}

it('pauses at a breakpoint, steps over, into and out, and resumes to the next hit', async () => {
  const wb = (workbench = newWorkbench())
  const go = goFile()
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, cart, go], cwd: fixturesDir })
  const pauses = new PauseQueue(wb, target.id)
  const golden = new GoldenText(import.meta.url, 'pauseAndStep', { fixtures: fixturesDir })

  const bp = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@add-ink') })
  golden.log(`breakpoint ${bp.kind} ${bp.url}:${bp.line}: ${bp.state}, bound at ${bp.locations.map((l) => `${l.location.url}:${l.location.line}:${l.location.column}`).join(', ')}`)
  letGo(go)
  await describePause(wb, golden, 'paused', await pauses.next())
  for (const action of ['over', 'into', 'out'] as const) {
    await wb.invoke('debugger.step', { targetId: target.id, action })
    await describePause(wb, golden, `step ${action}`, await pauses.next())
  }
  await wb.invoke('debugger.resume', { targetId: target.id })
  await describePause(wb, golden, 'resumed, paused again', await pauses.next())

  await wb.invoke('debugger.removeBreakpoint', { targetId: target.id, breakpointId: bp.id })
  await wb.invoke('debugger.resume', { targetId: target.id })
  await vi.waitFor(() => expect(wb.targets.get(target.id)?.state).toBe('exited'), { timeout: 15_000, interval: 20 })
  golden.log('')
  golden.log(`resumed without the breakpoint: ${pauses.pending} more pauses, ${pauses.resumed.length} resumes, exit ${JSON.stringify(wb.targets.get(target.id)?.exit)}`)
  golden.assertMatches()
})
