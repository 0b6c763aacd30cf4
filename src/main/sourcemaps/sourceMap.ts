// One parsed source map, both ways: a generated position to its original file and line (stack
// frames, profiled functions, console calls, bound breakpoints), and an original line to the
// generated position (breakpoints set in a .ts file). One instance per map, shared by every
// domain that asks for it (see sourceMapService.ts).
import { generatedPositionFor, LEAST_UPPER_BOUND, originalPositionFor, sourceContentFor, type TraceMap } from '@jridgewell/trace-mapping'
import type { StackFrame } from '../../shared/consoleTypes'
import type { SourceLocation } from '../../shared/debuggerTypes'

/** How far below an original line without code to look for the next one that has some. */
const maxLinesForward = 500

export class SourceMap {
  /** The original files the map names, resolved against its own URL (and its sourceRoot). */
  readonly originals: string[]

  constructor(private readonly map: TraceMap) {
    this.originals = map.resolvedSources.filter((source): source is string => typeof source === 'string')
  }

  /** 1-based in and out; null where the generated position maps to nothing. */
  toOriginal(line: number, column: number): SourceLocation | null {
    const position = originalPositionFor(this.map, { line, column: Math.max(0, column - 1) })
    if (position.source === null || position.line === null) return null
    return { url: position.source, line: position.line, column: (position.column ?? 0) + 1 }
  }

  /** A frame of the generated code as the original code names it; null where the map says nothing. */
  originalFrame(frame: StackFrame): StackFrame | null {
    const position = originalPositionFor(this.map, { line: frame.line, column: Math.max(0, frame.column - 1) })
    if (position.source === null || position.line === null) return null
    return { functionName: position.name ?? frame.functionName, url: position.source, line: position.line, column: (position.column ?? 0) + 1 }
  }

  /**
   * The generated position of an original line, or of the next line below it that has code
   * (a breakpoint on a blank line or a comment moves down, as debuggers do). 1-based.
   */
  toGenerated(originalUrl: string, line: number, column = 1): { originalLine: number; line: number; column: number } | null {
    for (let candidate = line; candidate < line + maxLinesForward; candidate++) {
      const position = generatedPositionFor(this.map, { source: originalUrl, line: candidate, column: candidate === line ? Math.max(0, column - 1) : 0, bias: LEAST_UPPER_BOUND })
      if (position.line !== null && position.column !== null) {
        // LEAST_UPPER_BOUND may answer with a mapping further down; it must come from this line.
        const back = this.toOriginal(position.line, position.column + 1)
        if (back && back.url === originalUrl && back.line === candidate) return { originalLine: candidate, line: position.line, column: position.column + 1 }
      }
    }
    return null
  }

  /** The original file's text when the map embeds it. */
  contentOf(originalUrl: string): string | null {
    return sourceContentFor(this.map, originalUrl) ?? null
  }
}
