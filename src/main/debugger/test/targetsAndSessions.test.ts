// Breakpoints across a process's targets and lifetimes: worker threads, a target that restarts
// on the same port (breakpoints bind again in the new program), and the session
// recording, which keeps where the target paused and what logpoints printed.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'
import type { DebuggerRecord } from '../../../shared/debuggerTypes'
import { formatSessionSummary, summarizeSession } from '../../sessionParts'
import { openSessionFile } from '../../sessions'
import { freePort, newWorkbench, startNode, stopAllNodes } from '../../targets/test/harness'
import type { Workbench } from '../../workbench'
import { fixture, goFile, launch, letGo, lineOf, PauseQueue } from './debugHarness'

const cart = fixture('cart.cjs')
const workers = fixture('workers.cjs')
const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})
const wait = { timeout: 15_000, interval: 20 }

function workbench(): Workbench {
  const wb = newWorkbench()
  workbenches.push(wb)
  return wb
}

it('binds the process breakpoints in its worker threads and pauses there', async () => {
  const wb = workbench()
  const go = goFile()
  const root = await launch(wb, workers, [go])
  const bp = await wb.invoke('debugger.setBreakpoint', { targetId: root.id, url: workers, line: lineOf(workers, '@double-body') })
  await vi.waitFor(() => expect(wb.targets.list().find((t) => t.parentId === root.id)?.state).toBe('attached'), wait)
  const worker = wb.targets.list().find((t) => t.parentId === root.id)!
  // The worker's own session binds the process's breakpoint as it loads the file.
  await vi.waitFor(async () => expect((await wb.invoke('debugger.breakpoints', { targetId: worker.id }))[0].locations.map((l) => l.targetId)).toContain(worker.id), wait)
  const pauses = new PauseQueue(wb, worker.id)
  letGo(go)
  const state = await pauses.next()
  expect(state).toMatchObject({ targetId: worker.id, reason: 'breakpoint', hitBreakpoints: [bp.id] })
  expect(state.callFrames[0]).toMatchObject({ functionName: 'double', location: { line: lineOf(workers, '@double-body') } })
  expect((await wb.invoke('debugger.evaluate', { targetId: worker.id, callFrameId: state.callFrames[0].callFrameId!, expression: 'n' })).value.text).toBe('21')
  // The main thread runs on meanwhile: only the worker is paused.
  expect(await wb.invoke('debugger.paused', { targetId: root.id })).toBeNull()
  await wb.invoke('debugger.resume', { targetId: worker.id })
  await vi.waitFor(async () => {
    wb.console.flush()
    expect((await wb.invoke('console.query', { targetId: root.id })).events.map((e) => e.text)).toContain('worker says 42')
  }, wait)
})

it('keeps breakpoints over a restart on the same port: the new program binds them again', async () => {
  const port = await freePort()
  const go = goFile()
  const first = startNode(process.execPath, [`--inspect=127.0.0.1:${port}`, cart, go])
  await first.inspectorUrl
  const wb = workbench()
  const target = await wb.invoke('targets.attach', { kind: 'port', port })
  const bp = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@square-body'), hitCondition: { op: '>=', count: 1 } })
  expect(bp.state).toBe('bound')
  await first.stop()
  await vi.waitFor(async () => expect((await wb.invoke('debugger.breakpoints', { targetId: target.id }))[0].state).toBe('pending'), wait)

  const pauses = new PauseQueue(wb, target.id)
  const goAgain = goFile()
  const second = startNode(process.execPath, [`--inspect=127.0.0.1:${port}`, cart, goAgain])
  await second.inspectorUrl
  await vi.waitFor(() => expect(wb.targets.get(target.id)).toMatchObject({ state: 'attached', pid: second.pid }), wait)
  await vi.waitFor(async () => expect((await wb.invoke('debugger.breakpoints', { targetId: target.id }))[0].state).toBe('bound'), wait)
  letGo(goAgain)
  const state = await pauses.next()
  expect(state).toMatchObject({ reason: 'breakpoint', hitBreakpoints: [bp.id] })
  expect(state.callFrames[0].location.line).toBe(lineOf(cart, '@square-body'))
  await wb.invoke('debugger.removeAllBreakpoints', { targetId: target.id })
  await wb.invoke('debugger.resume', { targetId: target.id })
})

it('records pauses, logpoint output and breakpoint changes into the session', async () => {
  const wb = workbench()
  const go = goFile()
  const target = await launch(wb, cart, [go])
  const recording = await wb.invoke('sessions.record', { targetId: target.id })
  const pauses = new PauseQueue(wb, target.id)
  const bp = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@call-square'), hitCondition: { op: '==', count: 2 } })
  const logpoint = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: cart, line: lineOf(cart, '@square-return'), logMessage: 'result={result}' })
  letGo(go)
  const state = await pauses.next()
  await wb.invoke('debugger.resume', { targetId: target.id })
  await vi.waitFor(async () => {
    wb.console.flush()
    expect((await wb.invoke('console.query', { targetId: target.id })).events.map((e) => e.text)).toContain('done')
  }, wait)
  await wb.invoke('sessions.stop', { sessionId: recording.id })
  const file = path.join(wb.sessions.libraryDir, 'debugged.spyglass')
  await wb.invoke('sessions.save', { sessionId: recording.id, path: file })
  const source = await openSessionFile(file)
  let records: DebuggerRecord[]
  try {
    // `spyglass inspect` says where the target stopped.
    const summary = await summarizeSession(source)
    expect(summary.debugger).toEqual({
      pauses: 1,
      byReason: { breakpoint: 1 },
      topLocations: [{ url: expect.stringContaining('cart.cjs'), line: lineOf(cart, '@call-square'), count: 1 }],
      logpointLines: 5,
      breakpoints: 2,
      skipped: 0
    })
    expect(formatSessionSummary(summary)).toEqual(
      expect.arrayContaining(['Debugger: 1 pause (breakpoint 1), 5 logpoint lines, 2 breakpoints', `  1× stopped at cart.cjs:${lineOf(cart, '@call-square')}`])
    )
    expect(source.entryNames).toContain('streams/debugger.ndjson')
    const chunks: Buffer[] = []
    for await (const chunk of await source.openEntry('streams/debugger.ndjson')) chunks.push(chunk as Buffer)
    records = Buffer.concat(chunks).toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as DebuggerRecord)
  } finally {
    await source.close()
  }
  const squareLine = lineOf(cart, '@square-return')
  expect(records.filter((r) => r.type === 'breakpoint').map((r) => r.type === 'breakpoint' && r.breakpoint.id)).toEqual([bp.id, logpoint.id])
  expect(records.filter((r) => r.type === 'pause')).toEqual([
    expect.objectContaining({ targetId: target.id, reason: 'breakpoint', breakpointIds: [bp.id], location: expect.objectContaining({ line: lineOf(cart, '@call-square') }), description: state.description })
  ])
  expect(records.filter((r) => r.type === 'resume')).toHaveLength(1)
  expect(records.filter((r) => r.type === 'logpoint').map((r) => r.type === 'logpoint' && [r.breakpointId, r.text, r.location?.line])).toEqual(
    [1, 4, 9, 16, 25].map((n) => [logpoint.id, `result=${n}`, squareLine])
  )
  // The file it stopped in is kept once, so that the opened session can show it.
  const cartText = readFileSync(cart, 'utf8')
  const cartUrl = pathToFileURL(cart).href
  expect(records.filter((r) => r.type === 'source')).toEqual([expect.objectContaining({ targetId: target.id, url: cartUrl, text: cartText, language: 'javascript' })])

  // Opened again: where it stopped, what the logpoint printed and the breakpoints' hits, on the read-only copy.
  const opened = (await wb.invoke('sessions.open', { path: file }))!
  const copy = opened.rootTargetId
  const history = await wb.invoke('debugger.history', { targetId: copy })
  expect(history.skipped).toBe(0)
  expect(history.entries.map((e) => (e.kind === 'pause' ? [e.kind, e.reason, e.functionName, e.location?.line] : [e.kind, e.text, e.location?.line]))).toEqual([
    ['logpoint', 'result=1', squareLine],
    // The second call: the hit count (== 2) is met.
    ['pause', 'breakpoint', 'work', lineOf(cart, '@call-square')],
    ...[4, 9, 16, 25].map((n) => ['logpoint', `result=${n}`, squareLine])
  ])
  expect(history.entries.every((e) => e.targetId === copy)).toBe(true)
  expect(history.breakpoints.map((b) => [b.id, b.hits, b.rootId])).toEqual([
    [bp.id, 1, copy],
    [logpoint.id, 5, copy]
  ])
  expect(history.breakpoints[0].locations.map((l) => l.targetId)).toEqual([copy])
  expect(history.sources).toEqual([expect.objectContaining({ url: cartUrl, targetId: copy })])
  expect(await wb.invoke('debugger.sources', { targetId: copy })).toEqual(history.sources)
  expect(await wb.invoke('debugger.source', { targetId: copy, url: cartUrl })).toEqual({ url: cartUrl, text: cartText, language: 'javascript', kind: 'script' })
  expect((await wb.invoke('debugger.state', { targetId: copy })).breakpoints).toEqual(history.breakpoints)
  // Bad input: a file the recording does not hold, a live target.
  await expect(wb.invoke('debugger.source', { targetId: copy, url: '/nowhere.js' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'the recording holds no text of /nowhere.js' })
  await expect(wb.invoke('debugger.history', { targetId: target.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
})
