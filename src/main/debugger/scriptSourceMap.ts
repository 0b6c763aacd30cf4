// A loaded script's source map, both ways: a generated position to its original file and line
// (frames, bound breakpoints), and an original line to the generated position (breakpoints set in
// a .ts file). Maps are read from the script's sourceMappingURL: a data: URL or a file beside it.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { generatedPositionFor, LEAST_UPPER_BOUND, originalPositionFor, sourceContentFor, TraceMap } from '@jridgewell/trace-mapping'
import type { SourceLocation } from '../../shared/debuggerTypes'
import { createLogger } from '../log'

const log = createLogger('debugger')

/** How far below an original line without code to look for the next one that has some. */
const maxLinesForward = 500

export class ScriptSourceMap {
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

function localPathOf(url: string): string | null {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url)
    } catch {
      // A file URL with a host: nothing on this machine to read.
      return null
    }
  }
  return path.isAbsolute(url) ? url : null
}

/** A script url as a file URL (CommonJS scripts are reported by path). */
export function scriptFileUrl(url: string): string | null {
  const file = localPathOf(url)
  return file ? pathToFileURL(file).href : null
}

/**
 * Best effort: a map that is missing, unreadable or broken is no map (the script is shown as it
 * runs), so a failure here is an answer, not an error.
 */
export async function tryLoadScriptSourceMap(scriptUrl: string, sourceMapUrl: string): Promise<ScriptSourceMap | null> {
  if (!sourceMapUrl) return null
  try {
    if (sourceMapUrl.startsWith('data:')) {
      const comma = sourceMapUrl.indexOf(',')
      const meta = sourceMapUrl.slice(5, comma)
      const body = sourceMapUrl.slice(comma + 1)
      const json = meta.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body)
      const base = scriptFileUrl(scriptUrl)
      return new ScriptSourceMap(new TraceMap(json, base ?? undefined))
    }
    const base = scriptFileUrl(scriptUrl)
    if (!base) return null
    const mapUrl = new URL(sourceMapUrl, base)
    if (mapUrl.protocol !== 'file:') return null
    return new ScriptSourceMap(new TraceMap(await readFile(fileURLToPath(mapUrl), 'utf8'), mapUrl.href))
  } catch (error) {
    // Missing or not a source map: the script stays as it runs.
    log.debug(`no source map for ${scriptUrl}`, error)
    return null
  }
}

/** The text of an original file from disk, when its map does not embed it. */
export async function tryReadOriginal(url: string): Promise<string | null> {
  const file = localPathOf(url)
  if (!file) return null
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    // Moved or deleted since the build: the view says the text is unavailable.
    log.debug(`no text for ${url}`, error)
    return null
  }
}
