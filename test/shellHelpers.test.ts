// The small pure pieces of the shells: path containment, the page's policy, durations, lines.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDuration } from '../src/main/cli/commandLine'
import { formatConsoleLine, formatExit } from '../src/main/cli/consoleLineFormat'
import { contentSecurityPolicyOf, withExtraSources } from '../src/shared/contentSecurityPolicy'
import { tokensMatch } from '../src/main/server/accessToken'
import { resolveStaticPath } from '../src/main/server/rendererPage'

describe('resolveStaticPath', () => {
  const root = path.resolve('/srv/renderer')
  it('maps / to index.html and keeps files inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'))
    expect(resolveStaticPath(root, '/assets/a%20b.js')).toBe(path.join(root, 'assets', 'a b.js'))
  })
  it('refuses anything that would leave it', () => {
    for (const attempt of ['/../x', '/%2e%2e/x', '/a/../../x', '/%E0%A4%A', '/x%00.js', '/..%5cx']) expect(resolveStaticPath(root, attempt)).toBeNull()
  })
})

describe('contentSecurityPolicyOf', () => {
  it('reads the meta policy across lines and quotes', () => {
    const html = `<meta charset="utf-8"><meta\n  http-equiv="Content-Security-Policy"\n  content="default-src 'self';\n  script-src 'self'" />`
    expect(contentSecurityPolicyOf(html)).toBe("default-src 'self'; script-src 'self'")
    expect(contentSecurityPolicyOf('<meta name="x" content="y">')).toBeNull()
  })
  it('adds sources to a directive, deriving a missing one from default-src', () => {
    expect(withExtraSources("default-src 'self'; script-src 'self'", 'script-src', ["'unsafe-inline'"])).toBe("default-src 'self'; script-src 'self' 'unsafe-inline'")
    expect(withExtraSources("default-src 'self'", 'connect-src', ['ws://localhost:5173'])).toBe("default-src 'self'; connect-src 'self' ws://localhost:5173")
  })
})

describe('tokensMatch', () => {
  it('accepts only the exact token', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true)
    for (const other of ['abd', 'ab', 'abcd', '', null, undefined]) expect(tokensMatch('abc', other)).toBe(false)
  })
})

describe('parseDuration', () => {
  it('reads units and bare seconds', () => {
    expect(parseDuration('10s')).toBe(10_000)
    expect(parseDuration('500ms')).toBe(500)
    expect(parseDuration('2m')).toBe(120_000)
    expect(parseDuration('1.5')).toBe(1500)
    expect(parseDuration(undefined)).toBeUndefined()
  })
  it('refuses nonsense and zero', () => {
    for (const bad of ['', 'soon', '0', '-1s', '1d']) expect(() => parseDuration(bad)).toThrow(/--duration/)
  })
})

describe('formatConsoleLine', () => {
  const event = {
    seq: 1,
    targetId: 't1',
    time: new Date(2024, 0, 2, 3, 4, 5, 6).getTime(),
    level: 'warn' as const,
    source: 'console' as const,
    text: 'two\nlines',
    location: { functionName: '', url: `file://${path.resolve('src/app.js')}`, line: 3, column: 7 }
  }
  it('prints time, level, text on one line and a relative location', () => {
    expect(formatConsoleLine(event)).toBe(`03:04:05.006 warn  two⏎ lines  ${path.join('src', 'app.js')}:3:7`)
    expect(formatConsoleLine({ ...event, location: undefined }, 'worker')).toBe('03:04:05.006 warn  [worker] two⏎ lines')
  })
  it('describes exits', () => {
    expect(formatExit({ code: 3, signal: null })).toBe('target exited with code 3')
    expect(formatExit({ code: null, signal: 'SIGKILL' })).toBe('target exited with signal SIGKILL')
  })
})
