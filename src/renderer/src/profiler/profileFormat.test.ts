import { describe, expect, it } from 'vitest'
import { formatMs, formatPct, loadFraction, locationLabel } from './profileFormat'

describe('profile format', () => {
  it('writes times with a precision that fits their size', () => {
    expect(formatMs(0)).toBe('0 ms')
    expect(formatMs(0.0421)).toBe('0.042 ms')
    expect(formatMs(3.254)).toBe('3.25 ms')
    expect(formatMs(41.26)).toBe('41.3 ms')
    expect(formatMs(3446.2)).toBe('3,446 ms')
    expect(formatMs(18_520)).toBe('18.5 s')
    expect(formatMs(Number.NaN)).toBe('–')
  })

  it('writes shares, small ones as <0.1%', () => {
    expect(formatPct(84.2)).toBe('84%')
    expect(formatPct(6.94)).toBe('6.9%')
    expect(formatPct(0.04)).toBe('<0.1%')
    expect(formatPct(0)).toBe('0%')
  })

  it('names a place by file and line, node: modules whole, and frames without a script by their category', () => {
    expect(locationLabel('file:///srv/app/src/server.js', 12, 'app')).toBe('server.js:12')
    expect(locationLabel('node:internal/timers', 0, 'node')).toBe('node:internal/timers')
    expect(locationLabel('', null, 'gc')).toBe('(garbage collector)')
    expect(locationLabel('', null, 'v8')).toBe('V8 / native')
    expect(loadFraction(50, 200)).toBe(0.25)
    expect(loadFraction(50, 0)).toBeNull()
  })
})
