// Where V8 can stop in each script of a connection, asked once per script (a script never changes):
// binding a thousand breakpoints in a file costs one round trip, not a thousand, and the gutter's
// breakable lines come from the same answer.
import type { Protocol } from 'devtools-protocol'
import type { CdpClient } from '../targets'
import type { ScriptInfo, ScriptRegistry } from './scriptRegistry'

export class BreakLocations {
  private readonly cache = new Map<string, Promise<Protocol.Debugger.BreakLocation[]>>()

  constructor(private readonly cdp: CdpClient) {}

  /** Every place V8 can stop in a script, in source order. */
  of(script: ScriptInfo): Promise<Protocol.Debugger.BreakLocation[]> {
    let pending = this.cache.get(script.scriptId)
    if (!pending) {
      pending = this.cdp
        .send('Debugger.getPossibleBreakpoints', {
          start: { scriptId: script.scriptId, lineNumber: 0, columnNumber: 0 },
          end: { scriptId: script.scriptId, lineNumber: script.endLine + 1, columnNumber: 0 }
        })
        .then(
          (response) => response.locations,
          () => {
            // Asked again next time: the target may have been busy or going away.
            this.cache.delete(script.scriptId)
            return []
          }
        )
      this.cache.set(script.scriptId, pending)
    }
    return pending
  }

  /** The first place at or after a position where V8 can stop (1-based), in nested functions too. */
  async next(script: ScriptInfo, line: number, column: number): Promise<{ line: number; column: number } | null> {
    const locations = await this.of(script)
    const line0 = line - 1
    const column0 = column - 1
    let low = 0
    let high = locations.length
    while (low < high) {
      const mid = (low + high) >>> 1
      const at = locations[mid]
      if (at.lineNumber < line0 || (at.lineNumber === line0 && (at.columnNumber ?? 0) < column0)) low = mid + 1
      else high = mid
    }
    const first = locations[low]
    return first ? { line: first.lineNumber + 1, column: (first.columnNumber ?? 0) + 1 } : null
  }

  /** Lines (1-based) where a breakpoint can bind, in a script or an original file. */
  async breakableLines(scripts: ScriptRegistry, url: string, startLine: number, endLine: number): Promise<number[]> {
    await scripts.settled()
    const lines = new Set<number>()
    const loaded = scripts.scriptsWithUrl(url)
    if (loaded.length > 0) {
      for (const location of await this.of(loaded[loaded.length - 1])) {
        const line = location.lineNumber + 1
        if (line >= startLine && line <= endLine) lines.add(line)
      }
    } else {
      for (const script of uniqueByUrl(scripts.scriptsOfOriginal(url))) {
        for (const location of await this.of(script)) {
          const original = script.map?.toOriginal(location.lineNumber + 1, (location.columnNumber ?? 0) + 1)
          if (original && original.url === url && original.line >= startLine && original.line <= endLine) lines.add(original.line)
        }
      }
    }
    return [...lines].sort((a, b) => a - b)
  }
}

/** One script per url: the latest load of each file. */
export function uniqueByUrl(scripts: ScriptInfo[]): ScriptInfo[] {
  const seen = new Map<string, ScriptInfo>()
  for (const script of scripts) seen.set(script.url, script)
  return [...seen.values()]
}
