// What V8 does with a breakpoint right after setting it (resolve it as its script loads, pause on
// it) can arrive in the same socket read as the answer that names it: under load this happened
// with a worker that started running as its breakpoints were set. The handlers of those events run
// before the code waiting for the answer; they must not drop them. The order is made here exactly,
// by a transport that delivers both messages in one go.
import { describe, expect, it, vi } from 'vitest'
import type { PausedState, PauseOptions } from '../../../shared/debuggerTypes'
import { SourceMapService } from '../../sourcemaps'
import { CdpClient } from '../../targets/cdp/connection'
import type { Transport } from '../../targets/cdp/transport'
import { BreakpointStore, type BreakpointEntry } from '../breakpointStore'
import { TargetDebugger } from '../targetDebugger'

const url = '/app/worker.cjs'

/** A transport whose requests the test answers, several messages at a time, synchronously. */
function manualTransport() {
  const sent: Array<{ id: number; method: string; params: Record<string, unknown> }> = []
  let deliver: (message: string) => void = () => undefined
  const transport: Transport = {
    send: (message) => void sent.push(JSON.parse(message)),
    onMessage: (listener) => void (deliver = listener),
    onClose: () => undefined,
    close: () => undefined
  }
  const receive = (...messages: object[]): void => {
    for (const message of messages) deliver(JSON.stringify(message))
  }
  return { transport, sent, receive }
}

function lineEntry(): BreakpointEntry {
  return {
    id: 'bp1',
    rootId: 't1',
    kind: 'line',
    url,
    line: 5,
    column: null,
    functionName: null,
    condition: null,
    logMessage: null,
    hitCondition: null,
    enabled: true,
    hits: 0,
    hint: null,
    bound: new Map(),
    failures: new Map(),
    conditionError: null
  }
}

function startedDebugger() {
  const { transport, sent, receive } = manualTransport()
  const cdp = new CdpClient(transport)
  const store = new BreakpointStore('t1')
  const entry = lineEntry()
  store.add(entry)
  const paused: PausedState[] = []
  const options: PauseOptions = { exceptions: 'none', debuggerStatements: false }
  const targetDebugger = new TargetDebugger(
    { targetId: 't2', rootId: 't1', cdp, stdio: null },
    {
      targetId: 't2',
      rootId: 't1',
      store,
      sourceMaps: new SourceMapService(),
      options: () => options,
      cwd: () => null,
      sourcesChanged: () => undefined,
      breakpointsChanged: () => undefined,
      paused: (state) => paused.push(state),
      resumed: () => undefined,
      logpoint: () => undefined
    }
  )
  // A new connection binds the process's breakpoints at once, by url.
  targetDebugger.start()
  const request = sent.find((m) => m.method === 'Debugger.setBreakpointByUrl')!
  expect(request.params).toMatchObject({ lineNumber: 4, urlRegex: expect.stringContaining('worker') })
  const scriptParsed = { method: 'Debugger.scriptParsed', params: { scriptId: '42', url, startLine: 0, startColumn: 0, endLine: 20, endColumn: 0, executionContextId: 1, hash: '' } }
  return { entry, receive, request, scriptParsed, paused, sent }
}

describe('a breakpoint set by url, answered together with what followed it', () => {
  it('keeps a location resolved before the answer was seen', async () => {
    const { entry, receive, request, scriptParsed } = startedDebugger()
    receive(
      { id: request.id, result: { breakpointId: 'v8-1', locations: [] } },
      scriptParsed,
      { method: 'Debugger.breakpointResolved', params: { breakpointId: 'v8-1', location: { scriptId: '42', lineNumber: 4, columnNumber: 2 } } }
    )
    await vi.waitFor(() => expect(entry.bound.get('t2')?.map((l) => [l.generated.url, l.generated.line, l.generated.column])).toEqual([[url, 5, 3]]))
  })

  it('counts a hit before the answer was seen as a hit of that breakpoint', () => {
    const { entry, receive, request, scriptParsed, sent } = startedDebugger()
    receive(scriptParsed, {
      method: 'Debugger.paused',
      params: {
        reason: 'other',
        hitBreakpoints: ['v8-1'],
        callFrames: [{ callFrameId: 'f1', functionName: 'double', location: { scriptId: '42', lineNumber: 4, columnNumber: 2 }, url, scopeChain: [], this: { type: 'undefined' } }]
      }
    }, { id: request.id, result: { breakpointId: 'v8-1', locations: [{ scriptId: '42', lineNumber: 4, columnNumber: 2 }] } })
    expect(entry.hits).toBe(1)
    // Kept for the user: not resumed behind their back.
    expect(sent.filter((m) => m.method === 'Debugger.resume')).toEqual([])
  })
})
