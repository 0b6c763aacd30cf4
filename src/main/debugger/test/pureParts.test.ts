// The pure parts of the debugger: logpoint templates, the code a condition runs as, hit
// conditions, file url patterns and the Sources list's groups and names.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { hitConditionMet } from '../breakpointStore'
import { breakpointIdOfEvalUrl, checkExpression, conditionCode, parseLogMessage } from '../conditionCode'
import { languageOf, sourceGroupOf, sourceNameOf, urlRegexFor } from '../sourceGroups'

describe('logpoint messages', () => {
  it('turns {expressions} into console.log arguments, nested braces and % included', () => {
    expect(parseLogMessage('took {ms} ms for {user.name}')).toEqual({ format: 'took %s ms for %s', expressions: ['ms', 'user.name'] })
    expect(parseLogMessage('{ ({ a: 1 }).a } at 100%')).toEqual({ format: '%s at 100%%', expressions: ['({ a: 1 }).a'] })
    expect(parseLogMessage('no expressions')).toEqual({ format: 'no expressions', expressions: [] })
    expect(parseLogMessage('unclosed {x')).toEqual({ format: 'unclosed {x', expressions: [] })
    expect(parseLogMessage('empty {} braces')).toEqual({ format: 'empty  braces', expressions: [] })
  })
})

describe('condition code', () => {
  it('is nothing for a plain breakpoint, and carries the breakpoint id in its sourceURL otherwise', () => {
    expect(conditionCode('bp1', null, null)).toBeUndefined()
    const code = conditionCode('bp7', 'x > 1', null)!
    expect(code).toMatch(/^try \{ !!\(\nx > 1\n\) \} catch \(e\) \{/)
    expect(breakpointIdOfEvalUrl(/sourceURL=(\S+)$/.exec(code)![1])).toBe('bp7')
    expect(breakpointIdOfEvalUrl('file:///app.js')).toBeNull()
  })

  it('evaluates as V8 would: true pauses, false and a throw do not, a throw is reported', () => {
    const reports: string[] = []
    const run = (code: string, scope: Record<string, unknown>) => {
      const report = (payload: string) => reports.push(payload)
      // The same completion-value semantics as V8's condition evaluation: the script's last value.
      return new Function('scope', `with (scope) { return eval(${JSON.stringify(code.replace(/globalThis\.__spyglassDebugger/g, 'scope.report'))}) }`)({ ...scope, report })
    }
    expect(run(conditionCode('bp1', 'x > 1', null)!, { x: 2 })).toBe(true)
    expect(run(conditionCode('bp1', 'x > 1', null)!, { x: 0 })).toBe(false)
    expect(run(conditionCode('bp2', 'missing.value', null)!, {})).toBe(false)
    expect(reports.map((r) => JSON.parse(r))).toEqual([{ id: 'bp2', error: 'ReferenceError: missing is not defined' }])
    // A trailing line comment in the condition does not swallow the code around it.
    expect(run(conditionCode('bp3', 'x === 2 // only the second', null)!, { x: 2 })).toBe(true)
  })

  it('refuses what does not parse, without running it', () => {
    expect(() => checkExpression('a ===', 'condition')).toThrow(/the condition is not a valid expression/)
    expect(() => checkExpression('process.exit(1)', 'condition')).not.toThrow()
  })
})

describe('hit conditions', () => {
  it('are exact', () => {
    const hits = [1, 2, 3, 4, 5, 6]
    expect(hits.filter((n) => hitConditionMet({ op: '==', count: 3 }, n))).toEqual([3])
    expect(hits.filter((n) => hitConditionMet({ op: '>=', count: 3 }, n))).toEqual([3, 4, 5, 6])
    expect(hits.filter((n) => hitConditionMet({ op: '%', count: 2 }, n))).toEqual([2, 4, 6])
    expect(hits.filter((n) => hitConditionMet(null, n))).toEqual(hits)
  })
})

describe('files', () => {
  const file = path.join(path.sep, 'srv', 'app (v2)', 'src', 'main.js')
  it('matches a file in either form a target loads it as', () => {
    const regex = new RegExp(urlRegexFor(file)!)
    expect(regex.test(file)).toBe(true)
    expect(regex.test(pathToFileURL(file).href)).toBe(true)
    expect(regex.test(`${file}x`)).toBe(false)
    expect(new RegExp(urlRegexFor(pathToFileURL(file).href)!).test(file)).toBe(true)
    expect(urlRegexFor('node:fs')).toBeNull()
  })

  it('groups and names sources for the list', () => {
    expect(sourceGroupOf(pathToFileURL(file).href)).toBe('app')
    expect(sourceGroupOf(pathToFileURL(path.join(path.sep, 'srv', 'node_modules', 'ws', 'index.js')).href)).toBe('node_modules')
    expect(sourceGroupOf('node:internal/timers')).toBe('internal')
    expect(sourceNameOf(pathToFileURL(file).href, path.join(path.sep, 'srv', 'app (v2)'))).toBe('src/main.js')
    expect(sourceNameOf(pathToFileURL(file).href, path.join(path.sep, 'elsewhere'))).toBe(file)
    expect(sourceNameOf('node:internal/timers', '/srv')).toBe('node:internal/timers')
    expect([languageOf('file:///a.ts'), languageOf('file:///a.mjs'), languageOf('node:fs'), languageOf('file:///a.json'), languageOf('file:///a.css')]).toEqual(['typescript', 'javascript', 'javascript', 'json', 'other'])
  })
})
