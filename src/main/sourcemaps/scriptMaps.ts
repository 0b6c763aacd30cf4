// The maps of one running program's scripts, looked up once each and answered without waiting
// once known. A running script does not change, so what it was found to map to stays true for the
// program's life; the parsed maps themselves stay in the service's bounded cache (only their keys
// are kept here), and one that was evicted is loaded again when next asked for. Scripts are known
// by file URL, whichever form (path or URL) a frame names them by.
import type { StackFrame } from '../../shared/consoleTypes'
import { localPathOf, scriptFileUrl } from './mapFiles'
import type { SourceMap } from './sourceMap'
import type { SourceMapService } from './sourceMapService'

export class ScriptMaps {
  /** Per script URL: the key of its map in the service's cache, or null for no map. */
  private readonly keys = new Map<string, string | null>()
  private readonly pending = new Map<string, Promise<SourceMap | null>>()
  /** The map URLs V8 reported, for loading a map again after the cache let it go. */
  private readonly sourceMapUrls = new Map<string, string>()

  constructor(private readonly service: SourceMapService) {}

  /**
   * A script the program parsed (Debugger.scriptParsed), with the map URL V8 found in it: one
   * without is known to have no map at once, and one with starts loading now, before anything
   * from it is shown.
   */
  noteScript(url: string, sourceMapUrl: string | undefined): void {
    if (!url) return
    const script = keyOf(url)
    if (!sourceMapUrl) {
      this.keys.set(script, null)
      this.pending.delete(script)
      this.sourceMapUrls.delete(script)
      return
    }
    this.load(script, url, sourceMapUrl)
  }

  /** The script's map now: null for none, undefined when that takes a load first (see mapOf). */
  known(url: string): SourceMap | null | undefined {
    const key = this.keys.get(keyOf(url))
    if (key === null) return null
    if (key !== undefined) return this.service.peek(key)
    // Node's own modules, eval'd code, remote URLs: nothing on this machine to map them with.
    return localPathOf(url) === null ? null : undefined
  }

  mapOf(url: string): Promise<SourceMap | null> {
    const known = this.known(url)
    if (known !== undefined) return Promise.resolve(known)
    const script = keyOf(url)
    return this.pending.get(script) ?? this.load(script, url, this.sourceMapUrls.get(script))
  }

  private load(script: string, url: string, sourceMapUrl: string | undefined): Promise<SourceMap | null> {
    if (sourceMapUrl) this.sourceMapUrls.set(script, sourceMapUrl)
    const pending = this.service.resolve(url, sourceMapUrl).then((resolved) => {
      // A later noteScript (the file parsed again) replaced this load: it has the last word.
      if (this.pending.get(script) === pending) {
        this.pending.delete(script)
        this.keys.set(script, resolved?.map ? resolved.key : null)
      }
      return resolved?.map ?? null
    })
    this.pending.set(script, pending)
    return pending
  }

  /** A frame where the original code has it, when its map is known now; undefined when it must be loaded. */
  originalFrameNow(frame: StackFrame): StackFrame | null | undefined {
    const map = this.known(frame.url)
    if (map === undefined) return undefined
    return map?.originalFrame(frame) ?? null
  }
}

function keyOf(url: string): string {
  return scriptFileUrl(url) ?? url
}
