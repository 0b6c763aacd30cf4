import { describe, expect, it } from 'vitest'
import type { Breakpoint, BoundLocation, PausedState } from '../../../shared/debuggerTypes'
import type { TargetInfo } from '../../../shared/targetTypes'
import { target } from '../testing/fixtures'
import {
  breakpointAtLine,
  breakpointKind,
  breakpointPlace,
  describeHitCondition,
  executionIn,
  executionMark,
  formatHitCondition,
  lineMarks,
  openFileName,
  parseHitCondition,
  pausedThreads,
  placeholderText,
  processThreads,
  recordedStopMark
} from './debuggerFacts'

const url = 'file:///app/src/a.ts'
const at = (targetId: string, line: number, file = url): BoundLocation => ({ targetId, location: { url: file, line, column: 1 }, generated: { url: 'file:///app/out/a.js', line: line + 10, column: 1 } })

function bp(id: string, line: number, overrides: Partial<Breakpoint> = {}): Breakpoint {
  return {
    id,
    rootId: 't1',
    kind: 'line',
    url,
    line,
    column: null,
    functionName: null,
    condition: null,
    logMessage: null,
    hitCondition: null,
    enabled: true,
    state: 'bound',
    locations: [at('t1', line)],
    hits: 0,
    message: null,
    ...overrides
  }
}

describe('debugger facts', () => {
  it('puts a breakpoint where it is bound, in the shown thread first, else where it was asked', () => {
    const list = [
      bp('moved', 4, { locations: [at('t1', 6)] }),
      bp('pending', 9, { state: 'pending', locations: [] }),
      bp('worker', 12, { locations: [at('w1', 13)] }),
      bp('both', 20, { locations: [at('w1', 21), at('t1', 20)] }),
      bp('other-file', 3, { url: 'file:///app/b.ts', locations: [at('t1', 3, 'file:///app/b.ts')] }),
      bp('fn', 0, { kind: 'function', url: null, line: null, functionName: 'f', locations: [at('t1', 30)] }),
      bp('off', 40, { enabled: false, state: 'disabled', condition: 'x > 1' })
    ]
    expect(lineMarks(list, url, 't1')).toEqual([
      { breakpointId: 'moved', line: 6, kind: 'line', enabled: true, bound: true },
      { breakpointId: 'pending', line: 9, kind: 'line', enabled: true, bound: false },
      { breakpointId: 'worker', line: 13, kind: 'line', enabled: true, bound: true },
      { breakpointId: 'both', line: 20, kind: 'line', enabled: true, bound: true },
      { breakpointId: 'off', line: 40, kind: 'conditional', enabled: false, bound: false }
    ])
    expect(breakpointAtLine(list, url, 't1', 6)?.id).toBe('moved')
    expect(breakpointAtLine(list, url, 't1', 4)).toBeNull()
    expect(breakpointAtLine(list, url, 'w1', 21)?.id).toBe('both')
  })

  it('names kinds and hit conditions as users read them', () => {
    expect(breakpointKind(bp('a', 1, { logMessage: 'x={x}', condition: 'x' }))).toBe('logpoint')
    expect(breakpointKind(bp('a', 1, { hitCondition: { op: '==', count: 2 } }))).toBe('conditional')
    expect(breakpointKind(bp('a', 1))).toBe('line')
    expect(describeHitCondition({ op: '==', count: 3 })).toBe('on hit 3')
    expect(describeHitCondition({ op: '>=', count: 3 })).toBe('from hit 3 on')
    expect(['1', '2', '3', '4', '11', '12', '22', '113'].map((n) => describeHitCondition({ op: '%', count: Number(n) }))).toEqual([
      'every 1st hit',
      'every 2nd hit',
      'every 3rd hit',
      'every 4th hit',
      'every 11th hit',
      'every 12th hit',
      'every 22nd hit',
      'every 113th hit'
    ])
  })

  it('parses hit counts as typed, and writes them back the same way', () => {
    expect(parseHitCondition('3')).toEqual({ op: '==', count: 3 })
    expect(parseHitCondition(' >= 10 ')).toEqual({ op: '>=', count: 10 })
    expect(parseHitCondition('%2')).toEqual({ op: '%', count: 2 })
    for (const bad of ['', '0', '-1', '> 3', 'x', '1.5', '99999999999999999999']) expect(parseHitCondition(bad)).toBeNull()
    expect(formatHitCondition({ op: '%', count: 2 })).toBe('% 2')
    expect(parseHitCondition(formatHitCondition({ op: '>=', count: 7 }))).toEqual({ op: '>=', count: 7 })
    expect(formatHitCondition(null)).toBe('')
  })

  it('places the execution line in the file of the selected frame, with the exception on the top frame only', () => {
    const frame = (line: number, file = url) => ({
      callFrameId: 'cf',
      functionName: 'f',
      location: { url: file, line, column: 4 },
      generated: { url: file, line, column: 4 },
      scriptId: '1',
      scopes: [],
      thisValue: null,
      asyncBoundary: null
    })
    const paused: PausedState = {
      targetId: 't1',
      pauseId: 1,
      reason: 'exception',
      hitBreakpoints: [],
      exception: { type: 'object', subtype: 'error', text: 'TypeError: x is undefined' },
      uncaught: true,
      description: 'Paused on exception',
      callFrames: [frame(5), frame(9), frame(2, 'file:///app/b.ts')],
      returnValue: null,
      pausedAt: 0
    }
    expect(executionIn(paused, 0, url)).toEqual({ line: 5, column: 4, top: true, exception: 'TypeError: x is undefined' })
    expect(executionIn(paused, 1, url)).toEqual({ line: 9, column: 4, top: false, exception: null })
    expect(executionIn(paused, 2, url)).toBeNull()
    expect(executionIn({ ...paused, reason: 'step', exception: null }, 0, url)?.exception).toBeNull()
    expect(executionIn(null, 0, url)).toBeNull()
  })

  it('marks the execution line of a script without a url, opened by its id', () => {
    const frame = { callFrameId: 'cf', functionName: '', location: { url: '', line: 3, column: 1 }, generated: { url: '', line: 3, column: 1 }, scriptId: '42', scopes: [], thisValue: null, asyncBoundary: null }
    const paused: PausedState = { targetId: 't1', pauseId: 1, reason: 'step', hitBreakpoints: [], exception: null, uncaught: null, description: 'Paused', callFrames: [frame], returnValue: null, pausedAt: 0 }
    expect(executionMark(paused, 0, { key: 'script:42', url: null })).toEqual({ line: 3, column: 1, top: true, exception: null })
    expect(executionMark(paused, 0, { key: 'script:7', url: null })).toBeNull()
    expect(executionMark(paused, 0, null)).toBeNull()
  })

  it('opens a breakpoint where it is bound in the shown thread, else anywhere, else where it was asked', () => {
    expect(breakpointPlace(bp('both', 20, { locations: [at('w1', 21), at('t1', 20)] }), 't1')).toEqual({ url, line: 20 })
    expect(breakpointPlace(bp('worker', 12, { locations: [at('w1', 13)] }), 't1')).toEqual({ url, line: 13 })
    expect(breakpointPlace(bp('pending', 9, { state: 'pending', locations: [] }), 't1')).toEqual({ url, line: 9 })
    expect(breakpointPlace(bp('fn', 0, { kind: 'function', url: null, line: null, functionName: 'f', locations: [] }), 't1')).toBeNull()
  })

  it('knows the threads of a process and which of the others are paused', () => {
    const targets: TargetInfo[] = [target('t1'), target('w1', { parentId: 't1' }), target('w2', { parentId: 't1', state: 'exited' }), target('t9')]
    expect(processThreads(targets, 'w1')).toEqual(['t1', 'w1'])
    const pause = (targetId: string): PausedState => ({ targetId, pauseId: 1, reason: 'breakpoint', hitBreakpoints: [], exception: null, uncaught: null, description: 'Paused', callFrames: [], returnValue: null, pausedAt: 0 })
    const pauses = { t1: pause('t1'), w1: pause('w1'), t9: pause('t9') }
    expect(pausedThreads(targets, 't1', pauses).map((t) => t.id)).toEqual(['w1'])
  })

  it('marks a recorded stop in its own file only, and names the open file as the list does', () => {
    const history = [{ kind: 'logpoint' as const, time: 1, targetId: 't1', breakpointId: 'b', text: 'x', location: { url, line: 7, column: 2 } }]
    expect(recordedStopMark(history, 0, url)).toEqual({ line: 7, column: 2, top: true, exception: null })
    expect(recordedStopMark(history, 0, 'file:///app/b.ts')).toBeNull()
    expect(recordedStopMark(history, null, url)).toBeNull()
    const sources = [{ url, name: 'src/a.ts', group: 'app' as const, kind: 'original' as const, scriptIds: [], generatedUrl: null, originals: [], targetId: 't1' }]
    expect(openFileName({ key: url, url, status: 'loading' }, sources)).toBe('src/a.ts')
    expect(openFileName({ key: 'script:4', url: null, status: 'loading' }, sources)).toBe('script:4')
    expect(placeholderText({ key: url, url, status: 'error', message: 'gone' }, false, false)).toBe('Could not read this file: gone')
    expect(placeholderText(null, true, true)).toMatch(/^This recording holds no source files/)
  })
})
