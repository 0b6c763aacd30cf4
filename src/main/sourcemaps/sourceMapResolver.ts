// Maps frames of compiled code (TypeScript, bundles) back to their original files and lines, for
// targets whose files are on this machine: the generated file names its map in a
// `sourceMappingURL` comment (a file beside it or an inline data: URL).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'
import type { StackFrame } from '../../shared/consoleTypes'
import { createLogger } from '../log'

const log = createLogger('sourcemaps')

/** Generated files bigger than this are not searched for a map comment (minified vendor bundles). */
const maxGeneratedBytes = 64 * 1024 * 1024
const mapComment = /\/\/[#@]\s*sourceMappingURL=([^\s'"]+)\s*$/

function localPathOf(url: string): string | null {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url)
    } catch {
      // Not a local file URL (a host part): nothing on this machine to read.
      return null
    }
  }
  return path.isAbsolute(url) ? url : null
}

export class SourceMapResolver {
  private readonly maps = new Map<string, Promise<TraceMap | null>>()

  /** The original position of a frame, or the frame itself when its file has no usable map. */
  async originalFrame(frame: StackFrame): Promise<StackFrame & { mapped: boolean }> {
    const map = await this.mapFor(frame.url)
    if (!map) return { ...frame, mapped: false }
    // Sources come back resolved against the map's own URL (and its sourceRoot).
    const position = originalPositionFor(map, { line: frame.line, column: Math.max(0, frame.column - 1) })
    if (position.source === null || position.line === null) return { ...frame, mapped: false }
    return { functionName: position.name ?? frame.functionName, url: position.source, line: position.line, column: (position.column ?? 0) + 1, mapped: true }
  }

  /** Maps every frame; null when none of them has a map (nothing to show beyond the stack itself). */
  async originalStack(stack: readonly StackFrame[] | undefined): Promise<StackFrame[] | null> {
    if (!stack || stack.length === 0) return null
    const frames = await Promise.all(stack.map((frame) => this.originalFrame(frame)))
    if (!frames.some((f) => f.mapped)) return null
    return frames.map(({ mapped: _mapped, ...frame }) => frame)
  }

  private mapFor(url: string): Promise<TraceMap | null> {
    let pending = this.maps.get(url)
    if (!pending) {
      pending = this.tryLoad(url)
      this.maps.set(url, pending)
    }
    return pending
  }

  /**
   * Best effort: a missing file or map, or one that does not parse, is no map (the frame stays as
   * the target reported it), so failures here are answers, not errors.
   */
  private async tryLoad(url: string): Promise<TraceMap | null> {
    const file = localPathOf(url)
    if (!file) return null
    let code: string
    try {
      const buffer = await readFile(file)
      if (buffer.length > maxGeneratedBytes) return null
      code = buffer.toString('utf8')
    } catch (error) {
      // Gone, unreadable or not a file: the frame stays as reported.
      log.debug(`cannot read ${file}`, error)
      return null
    }
    const tail = code.slice(Math.max(0, code.length - 4096)).trimEnd()
    const reference = mapComment.exec(tail.split('\n').pop() ?? '')?.[1]
    if (!reference) return null
    try {
      if (reference.startsWith('data:')) {
        const comma = reference.indexOf(',')
        const meta = reference.slice(5, comma)
        const body = reference.slice(comma + 1)
        const json = meta.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body)
        return new TraceMap(json, pathToFileURL(file).href)
      }
      const mapFile = path.resolve(path.dirname(file), decodeURIComponent(reference))
      return new TraceMap(await readFile(mapFile, 'utf8'), pathToFileURL(mapFile).href)
    } catch (error) {
      // A map that is missing or does not parse: the frames stay as reported.
      log.debug(`no source map for ${file}`, error)
      return null
    }
  }
}
