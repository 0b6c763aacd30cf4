import { describe, expect, it } from 'vitest'
import type { RemoteValue } from '../../../shared/consoleTypes'
import { basename, formatLocation, formatTime, messageParts, repeatBadge, repeatTitle, trimmedNotes } from './format'

const s = (text: string): RemoteValue => ({ type: 'string', text })
const n = (text: string): RemoteValue => ({ type: 'number', text })
const o = (text: string): RemoteValue => ({ type: 'object', text, objectId: 'x' })

const render = (args: RemoteValue[]): string => messageParts(args).map((p) => (p.kind === 'text' ? p.text : `[${p.value.text}]`)).join('')

describe('console formatting', () => {
  it('formats times as HH:MM:SS.mmm', () => {
    const t = new Date(2024, 0, 2, 3, 4, 5, 67).getTime()
    expect(formatTime(t)).toBe('03:04:05.067')
  })

  it('shortens URLs to basename:line:col', () => {
    expect(basename('file:///home/me/app/server.js')).toBe('server.js')
    expect(basename('node:internal/process/task_queues')).toBe('task_queues')
    expect(basename('C:\\app\\x.js')).toBe('x.js')
    expect(basename('https://h/a/b.js?v=1#x')).toBe('b.js')
    expect(basename('')).toBe('')
    expect(formatLocation({ functionName: 'f', url: 'file:///a/b.js', line: 3, column: 9 })).toBe('b.js:3:9')
  })

  it('applies format specifiers like util.format', () => {
    expect(render([s('%s has %d items'), s('cart'), n('3.7')])).toBe('cart has 3 items')
    expect(render([s('obj %o and %%'), o('{a: 1}'), n('5')])).toBe('obj [{a: 1}] and % [5]')
    expect(render([s('%c styled'), s('color: red')])).toBe(' styled')
    expect(render([s('100%'), n('1')])).toBe('100% [1]')
    expect(render([s('no args %s')])).toBe('no args %s')
    expect(render([o('{}'), s('x')])).toBe('[{}] [x]')
  })

  it('describes folded rows', () => {
    expect(repeatBadge({})).toBeNull()
    expect(repeatBadge({ repeat: 1 })).toBeNull()
    expect(repeatBadge({ repeat: 12 })).toBe('×12')
    expect(repeatBadge({ repeat: 12_345 })).toBe('×12,345')
    const last = new Date(2024, 0, 2, 3, 4, 5, 67).getTime()
    expect(repeatTitle({ repeat: 12, time: last - 1000, lastTime: last })).toBe('12 times, last at 03:04:05.067')
  })

  it('describes what storage cut', () => {
    const frame = { functionName: 'f', url: 'file:///a.js', line: 1, column: 1 }
    expect(trimmedNotes({})).toEqual({ text: null, stack: null })
    expect(trimmedNotes({ trimmed: { text: 12_345 } })).toEqual({ text: 'cut from 12,345 characters', stack: null })
    expect(trimmedNotes({ trimmed: { stack: 35 }, stack: Array(20).fill(frame) })).toEqual({ text: null, stack: '20 of 35 frames' })
  })
})
