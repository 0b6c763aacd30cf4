// The scripts one connection has parsed (Debugger.scriptParsed), with their source maps: which
// generated scripts run an original file, and every location both ways.
import type { Protocol } from 'devtools-protocol'
import type { DebugSource, SourceLocation } from '../../shared/debuggerTypes'
import { scriptFileUrl, type SourceMap, type SourceMapService } from '../sourcemaps'
import { breakpointIdOfEvalUrl } from './conditionCode'
import { sourceGroupOf, sourceNameOf } from './sourceGroups'

export interface ScriptInfo {
  scriptId: string
  url: string
  /** Resolved once its map was looked for (null: none, or it does not load). */
  map: SourceMap | null
  mapReady: Promise<SourceMap | null>
  endLine: number
}

export class ScriptRegistry {
  private readonly byId = new Map<string, ScriptInfo>()
  private readonly byUrl = new Map<string, ScriptInfo[]>()
  private readonly byOriginal = new Map<string, ScriptInfo[]>()
  /** Resolves when the maps of the scripts known at the time it was made are loaded; remade as scripts come. */
  private settledFor: { count: number; ready: Promise<void> } | null = null

  /** Maps come from the workbench's one source-map service: the other domains ask it for the same ones. */
  constructor(private readonly sourceMaps: SourceMapService) {}

  /** Null for scripts that are not listed: the debugger's own conditions and logpoints. */
  add(event: Protocol.Debugger.ScriptParsedEvent): ScriptInfo | null {
    if (breakpointIdOfEvalUrl(event.url) !== null) return null
    const mapReady = event.sourceMapURL ? this.sourceMaps.forScript(event.url, event.sourceMapURL) : Promise.resolve(null)
    const script: ScriptInfo = { scriptId: event.scriptId, url: event.url, map: null, mapReady, endLine: event.endLine }
    this.byId.set(script.scriptId, script)
    if (script.url) push(this.byUrl, fileKeyOf(script.url), script)
    script.mapReady = mapReady.then((map) => {
      script.map = map
      for (const original of map?.originals ?? []) push(this.byOriginal, original, script)
      return map
    })
    return script
  }

  get(scriptId: string): ScriptInfo | undefined {
    return this.byId.get(scriptId)
  }

  /** Scripts loaded from a file, named by its path or its file URL alike. */
  scriptsWithUrl(url: string): ScriptInfo[] {
    return this.byUrl.get(fileKeyOf(url)) ?? []
  }

  /** Generated scripts whose map names this original file. */
  scriptsOfOriginal(url: string): ScriptInfo[] {
    return this.byOriginal.get(url) ?? []
  }

  /** The program's own scripts (not Node's, not its dependencies), the latest load of each file. */
  appScripts(): ScriptInfo[] {
    return [...this.byUrl.values()].flatMap((list) => {
      const latest = list[list.length - 1]
      return latest && sourceGroupOf(latest.url) === 'app' ? [latest] : []
    })
  }

  isOriginal(url: string): boolean {
    return this.byOriginal.has(url)
  }

  /**
   * Waits until every map looked for so far is loaded (or known missing); with `limitMs`, no
   * longer than that (what is still loading then is reported when it comes).
   */
  settled(limitMs?: number): Promise<void> {
    if (this.settledFor?.count !== this.byId.size) {
      this.settledFor = { count: this.byId.size, ready: Promise.all([...this.byId.values()].map((s) => s.mapReady)).then(() => undefined) }
    }
    if (limitMs === undefined) return this.settledFor.ready
    let timer: NodeJS.Timeout | undefined
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, limitMs)
      timer.unref()
    })
    return Promise.race([this.settledFor.ready, limit]).finally(() => clearTimeout(timer))
  }

  /** A generated position (1-based) as the user sees it: original when mapped. */
  originalLocation(scriptId: string, line: number, column: number): SourceLocation {
    const script = this.byId.get(scriptId)
    const mapped = script?.map?.toOriginal(line, column)
    return mapped ?? { url: script?.url ?? '', line, column }
  }

  /** What the Sources list shows for one script (its originals when it has a map). */
  sourcesOf(script: ScriptInfo, targetId: string, cwd: string | null): DebugSource[] {
    if (!script.url) return []
    const originals = script.map?.originals ?? []
    const own: DebugSource = {
      url: script.url,
      name: sourceNameOf(script.url, cwd),
      group: sourceGroupOf(script.url),
      kind: 'script',
      scriptIds: this.scriptsWithUrl(script.url).map((s) => s.scriptId),
      generatedUrl: null,
      originals,
      targetId
    }
    if (originals.length === 0) return [own]
    return originals.map((url) => ({
      url,
      name: sourceNameOf(url, cwd),
      group: sourceGroupOf(url),
      kind: 'original' as const,
      scriptIds: this.scriptsOfOriginal(url).map((s) => s.scriptId),
      generatedUrl: script.url,
      originals: [],
      targetId
    }))
  }

  /** Every listed file, once each. */
  allSources(targetId: string, cwd: string | null): DebugSource[] {
    const seen = new Map<string, DebugSource>()
    for (const script of this.byId.values()) {
      for (const source of this.sourcesOf(script, targetId, cwd)) if (!seen.has(source.url)) seen.set(source.url, source)
    }
    return [...seen.values()]
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function fileKeyOf(url: string): string {
  return scriptFileUrl(url) ?? url
}
