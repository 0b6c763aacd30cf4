// The launched program's stdout/stderr as console events. With the inspector attached, every
// console.* call also writes to stdout/stderr; those echoes are recognised and dropped, so that each
// console call shows once (rich, from the inspector) while direct writes still appear.
import type { StackFrame } from '../../shared/consoleTypes'
import type { NewConsoleEvent } from './eventStore'
import { parseStackText } from './remoteValue'

export type StdioStream = 'stdout' | 'stderr'

/** What a console call is expected to print: exact lines, or (for objects) a first-line prefix and indented continuation. */
export interface EchoExpectation {
  stream: StdioStream
  lines: string[]
  loose: boolean
  at: number
}

interface PendingLine {
  stream: StdioStream
  line: string
  at: number
}

const maxExpectations = 1_000_000
const matchWindow = 64
const continuation = /^(\s|[}\])]|[┌│├└─┬┼┴┐┤┘])/

export class StdioEventSource {
  private partial: Record<StdioStream, string> = { stdout: '', stderr: '' }
  private pending: PendingLine[] = []
  // Per stream, in the order the console calls happened; echoes arrive in the same order.
  private expectations: Record<StdioStream, EchoExpectation[]> = { stdout: [], stderr: [] }
  private active: { expectation: EchoExpectation; cursor: number } | null = null

  /**
   * @param graceMs how long a line waits for the console event that may explain it (the inspector's
   *   socket and the pipe race each other).
   */
  constructor(private readonly emit: (event: NewConsoleEvent) => void, private readonly isNoise: (line: string) => boolean, private readonly graceMs = 150) {}

  /** Nothing waits to be matched or emitted. */
  get idle(): boolean {
    return this.pending.length === 0
  }

  expect(expectation: EchoExpectation): void {
    const queue = this.expectations[expectation.stream]
    queue.push(expectation)
    // Bounded: if a target's output never reaches our pipe (redirected inside it), expectations must not pile up.
    if (queue.length > maxExpectations) queue.splice(0, queue.length - maxExpectations)
  }

  push(stream: StdioStream, text: string, at = Date.now()): void {
    const lines = (this.partial[stream] + text).split('\n')
    this.partial[stream] = lines.pop() ?? ''
    for (const line of lines) this.pending.push({ stream, line: line.replace(/\r$/, ''), at })
  }

  /** Emits the lines whose grace period is over (all of them with `all`, e.g. when the process exits). */
  flush(now = Date.now(), all = false): void {
    if (all) {
      for (const stream of ['stdout', 'stderr'] as const) {
        if (this.partial[stream]) this.pending.push({ stream, line: this.partial[stream], at: now })
        this.partial[stream] = ''
      }
    }
    let group: { stream: StdioStream; lines: string[]; at: number } | null = null
    const out = () => {
      if (group) this.emitGroup(group.stream, group.lines, group.at)
      group = null
    }
    while (this.pending.length > 0 && (all || now - this.pending[0].at >= this.graceMs)) {
      const { stream, line, at } = this.pending.shift()!
      if (this.isEcho(stream, line) || this.isNoise(line) || line.trim() === '') {
        out()
        continue
      }
      // Indented lines after an unexplained line belong to it (a stack printed by the program or by Node on a crash).
      if (group && group.stream === stream && continuation.test(line)) group.lines.push(line)
      else {
        out()
        group = { stream, lines: [line], at }
      }
    }
    out()
  }

  private isEcho(stream: StdioStream, line: string): boolean {
    const active = this.active
    if (active && active.expectation.stream === stream) {
      const { expectation, cursor } = active
      if (!expectation.loose && expectation.lines[cursor].trimStart() === line.trimStart()) {
        active.cursor++
        if (active.cursor >= expectation.lines.length) this.active = null
        return true
      }
      if (expectation.loose && continuation.test(line)) return true
      this.active = null
    }
    // console.group indents what follows it, so lines are compared without leading spaces.
    const bare = line.trimStart()
    const queue = this.expectations[stream]
    // Echoes come in call order, so the match is at the head; a raw write between them only looks a little further.
    const limit = Math.min(queue.length, matchWindow)
    let index = -1
    for (let i = 0; i < limit; i++) {
      const e = queue[i]
      if (e.loose ? bare.startsWith(e.lines[0].trimStart()) : e.lines[0].trimStart() === bare) {
        index = i
        break
      }
    }
    if (index < 0) return false
    // Expectations older than the match will never see their echo (it would have come first): drop them too.
    const expectation = queue.splice(0, index + 1)[index]
    if (expectation.loose || expectation.lines.length > 1) this.active = { expectation, cursor: 1 }
    return true
  }

  private emitGroup(stream: StdioStream, lines: string[], at: number): void {
    const [first, ...rest] = lines
    const stack: StackFrame[] | undefined = rest.length > 0 ? parseStackText(rest.join('\n')) : undefined
    const isWarning = /^\(node:\d+\) (\[[\w-]+\] )?\w*Warning\b/.test(first)
    const event: NewConsoleEvent = {
      time: at,
      level: stream === 'stdout' ? 'log' : isWarning ? 'warn' : 'error',
      source: stream,
      text: rest.length > 0 && !stack ? lines.join('\n') : first
    }
    if (stack) event.stack = stack
    this.emit(event)
  }
}
