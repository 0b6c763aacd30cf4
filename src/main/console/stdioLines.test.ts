import { describe, expect, it } from 'vitest'
import type { NewConsoleEvent } from './eventStore'
import { StdioEventSource } from './stdioLines'

function source() {
  const out: NewConsoleEvent[] = []
  const stdio = new StdioEventSource((e) => out.push(e), (line) => line.startsWith('Debugger listening'), 100)
  return { out, stdio }
}

describe('StdioEventSource', () => {
  it('drops the echo of console calls, exact and multi-line object output alike', () => {
    const { out, stdio } = source()
    stdio.expect({ stream: 'stdout', lines: ['hello'], loose: false, at: 0 })
    stdio.expect({ stream: 'stdout', lines: ['obj {'], loose: true, at: 0 })
    stdio.push('stdout', 'hello\nobj {\n  a: 1,\n  b: [ 1, 2 ]\n}\nraw write\n', 0)
    stdio.flush(1000)
    expect(out.map((e) => e.text)).toEqual(['raw write'])
  })

  it('waits out the grace period, since pipe and socket race each other', () => {
    const { out, stdio } = source()
    stdio.push('stderr', 'late echo\n', 0)
    stdio.flush(50)
    expect(out).toEqual([])
    stdio.expect({ stream: 'stderr', lines: ['late echo'], loose: false, at: 60 })
    stdio.flush(200)
    expect(out).toEqual([])
  })

  it('groups a stack printed on stderr into one error event with frames, and marks Node warnings', () => {
    const { out, stdio } = source()
    stdio.push('stderr', 'Debugger listening on ws://x\nError: boom\n    at f (/app/a.js:1:2)\n    at g (/app/b.js:3:4)\n(node:12) DeprecationWarning: old\n', 0)
    stdio.flush(1000)
    expect(out).toMatchObject([
      { level: 'error', source: 'stderr', text: 'Error: boom', stack: [{ functionName: 'f', url: '/app/a.js', line: 1, column: 2 }, { functionName: 'g' }] },
      { level: 'warn', text: '(node:12) DeprecationWarning: old' }
    ])
  })

  it('keeps partial lines until they end or the process exits', () => {
    const { out, stdio } = source()
    stdio.push('stdout', 'progress 5', 0)
    stdio.push('stdout', '0%\nand ', 0)
    stdio.flush(1000)
    expect(out.map((e) => e.text)).toEqual(['progress 50%'])
    stdio.flush(2000, true)
    expect(out.map((e) => e.text)).toEqual(['progress 50%', 'and '])
  })
})
