import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ErrorCatalog } from './errorCatalog'
import { parseErrorHeadline, type ErrorKind } from './errorOccurrence'

const catalog = new ErrorCatalog()

/** What the catalog says for an error headline as Node prints it. */
function explain(headline: string, kind: ErrorKind = 'uncaught') {
  const parsed = parseErrorHeadline(headline, 'Error')
  const e = catalog.explain({ ...parsed, kind })
  return `${e.patternId} ${e.category}/${e.severity}`
}

describe('the built-in catalog', () => {
  // Headlines as real Node versions print them.
  it.each([
    ['Error: connect ECONNREFUSED 127.0.0.1:5432', 'econnrefused network/high'],
    ['Error: read ECONNRESET', 'econnreset network/medium'],
    ['Error: connect ETIMEDOUT 10.0.0.7:443', 'etimedout timeout/medium'],
    ['Error: getaddrinfo ENOTFOUND db.internal', 'enotfound network/high'],
    ['Error: listen EADDRINUSE: address already in use :::3000', 'eaddrinuse network/critical'],
    ['Error: write EPIPE', 'epipe network/low'],
    ["Error: ENOENT: no such file or directory, open 'config.json'", 'enoent filesystem/medium'],
    ["Error: EACCES: permission denied, open '/etc/shadow'", 'eacces permission/high'],
    ["Error: EPERM: operation not permitted, unlink 'C:\\\\x'", 'eacces permission/high'],
    ["Error: EMFILE: too many open files, open 'a.txt'", 'emfile system/critical'],
    ["Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'lodash' imported from /srv/app/index.mjs", 'module-not-found module/critical'],
    ["Error: Cannot find module 'express'", 'module-not-found-message module/critical'],
    ['Error [ERR_REQUIRE_ESM]: require() of ES Module /srv/app/node_modules/chalk/source/index.js not supported.', 'require-esm module/high'],
    ['FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', 'heap-oom memory/critical'],
    ['RangeError: Maximum call stack size exceeded', 'stack-overflow runtime/high'],
    ["TypeError: Cannot read properties of undefined (reading 'id')", 'read-undefined runtime/high'],
    ["TypeError: Cannot read properties of null (reading 'length')", 'read-undefined runtime/high'],
    ['SyntaxError: Unexpected token \'<\', "<html>" is not valid JSON', 'json-parse validation/medium'],
    ['SyntaxError: Unexpected end of JSON input', 'json-parse validation/medium'],
    ['Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers after they are sent to the client', 'headers-sent runtime/medium'],
    ['TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string. Received undefined', 'invalid-arg-type validation/medium'],
    ['AbortError: The operation was aborted', 'abort timeout/low'],
    ['DOMException [TimeoutError]: The operation was aborted due to timeout', 'abort timeout/low'],
    ['TypeError: fetch failed', 'fetch-failed network/high'],
    ['OrderValidationError: quantity must be positive', 'validation-generic validation/low']
  ])('%s', (headline, expected) => {
    expect(explain(headline)).toBe(expected)
  })

  it('knows process warnings and unhandled rejections by their kind', () => {
    expect(catalog.explain({ kind: 'warning', type: 'MaxListenersExceededWarning', code: null, message: 'Possible EventEmitter memory leak detected.' }).patternId).toBe('max-listeners')
    expect(explain('Error: lost promise', 'unhandledRejection')).toBe('unhandled-rejection runtime/high')
    // A known cause beats the generic "unhandled rejection" explanation.
    expect(explain('Error: connect ECONNREFUSED 127.0.0.1:6379', 'unhandledRejection')).toBe('econnrefused network/high')
  })

  it('says "unknown" with a severity by kind for errors nothing matches', () => {
    expect(explain('Error: user 17 not found')).toBe('null unknown/high')
    expect(explain('Error: user 17 not found', 'logged')).toBe('null unknown/medium')
  })
})

describe('a user pattern file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-patterns-'))

  it('is consulted before the built-in catalog', () => {
    const file = path.join(dir, 'mine.json')
    writeFileSync(file, JSON.stringify({ patterns: [{ id: 'billing', match: { message: 'payment provider' }, category: 'network', severity: 'critical', title: 'Billing down', hint: 'Page the billing on-call.' }, { id: 'quiet-refused', match: { codes: ['ECONNREFUSED'] }, category: 'network', severity: 'low', title: 'Refused', hint: 'Expected during deploys.' }] }))
    const mine = ErrorCatalog.withUserFile(file)
    expect(mine.explain({ kind: 'logged', type: 'Error', code: null, message: 'payment provider timed out' })).toMatchObject({ patternId: 'billing', severity: 'critical' })
    expect(mine.explain({ ...parseErrorHeadline('Error: connect ECONNREFUSED 127.0.0.1:1', 'Error'), kind: 'uncaught' })).toMatchObject({ patternId: 'quiet-refused', severity: 'low' })
  })

  it('is refused in one line when it is not valid', () => {
    const bad = (name: string, text: string) => {
      const file = path.join(dir, name)
      writeFileSync(file, text)
      return () => ErrorCatalog.withUserFile(file)
    }
    expect(bad('a.json', '{ not json')).toThrow(/a\.json: not valid JSON/)
    expect(bad('b.json', JSON.stringify({ patterns: [{ id: 'x', match: {}, category: 'network', severity: 'low', title: 't', hint: 'h' }] }))).toThrow(/b\.json: patterns\.0\.match: a pattern needs at least one/)
    expect(bad('c.json', JSON.stringify({ patterns: [{ id: 'x', match: { message: '(' }, category: 'network', severity: 'low', title: 't', hint: 'h' }] }))).toThrow(/c\.json: pattern x has an invalid message expression/)
    expect(bad('d.json', JSON.stringify({ patterns: [{ id: 'x', match: { codes: ['E'] }, category: 'weather', severity: 'low', title: 't', hint: 'h' }] }))).toThrow(/d\.json: patterns\.0\.category/)
    expect(() => ErrorCatalog.withUserFile(path.join(dir, 'missing.json'))).toThrow(/missing\.json: cannot be read \(ENOENT\)/)
  })
})

describe('errors logged as objects', () => {
  it('reads a DOMException by the name in its stack', async () => {
    const { errorOccurrenceOf } = await import('./errorOccurrence')
    const occurrence = errorOccurrenceOf({
      seq: 1,
      targetId: 't1',
      time: 1,
      level: 'warn',
      source: 'console',
      method: 'warning',
      text: 'shipping quote timed out: DOMException …',
      args: [
        { type: 'string', text: 'shipping quote timed out:' },
        { type: 'object', className: 'DOMException', text: "DOMException { stack: 'TimeoutError: The operation was aborted due to tim…rocess.processTimers (node:internal/timers:519:7)' }" }
      ]
    })
    expect(occurrence).toMatchObject({ kind: 'logged', type: 'TimeoutError', message: 'The operation was aborted due to tim' })
    expect(catalog.explain(occurrence!).patternId).toBe('abort')
  })
})
