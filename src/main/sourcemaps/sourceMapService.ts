// The one source-map service of a workbench: errors, the profiler, the debugger and the console
// ask it for the map of a script, and each map is read and parsed once however many of them ask
// (inline data: maps included). Parsed maps are kept by a least-recently-used cache bounded by
// the size of their JSON text; concurrent requests for one map share one load.
//
// A map is known by its file and that file's mtime and size (a rebuild makes a new map), or, for
// an inline map, by its script and a hash of the data: URL. A generated file's own reference to
// its map (the `sourceMappingURL` comment) is remembered the same way, by file, mtime and size.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { TraceMap } from '@jridgewell/trace-mapping'
import { LRUCache } from 'lru-cache'
import type { StackFrame } from '../../shared/consoleTypes'
import { createLogger } from '../log'
import { dataUrlText, localPathOf, maxGeneratedBytes, readMapReference, scriptFileUrl, tryStat } from './mapFiles'
import { SourceMap } from './sourceMap'

const log = createLogger('sourcemaps')

export interface SourceMapServiceOptions {
  /** How much map JSON the cache keeps parsed (UTF-16 units); 256 Mi by default. */
  maxBytes?: number
  /** How many generated files' map references are remembered; 4,096 by default. */
  maxScripts?: number
}

/** What the service has done, for tests and diagnostics. */
export interface SourceMapStats {
  /** Maps read and parsed, in all. */
  loads: number
  /** Loads per map: its file URL, or for an inline map its script's URL followed by `#inline`. */
  loadsByMap: Record<string, number>
  /** Maps held parsed now, and the size of their JSON text. */
  cachedMaps: number
  cachedBytes: number
}

/** A map found for a script: the key it is cached under (see `peek`), and the map (null: it does not parse). */
export interface ResolvedMap {
  key: string
  map: SourceMap | null
}

interface MapSource {
  /** The map's name in the stats: its file URL, or its script's URL + `#inline`. */
  name: string
  /** What its sources are resolved against: the map's own URL, or its script's for an inline map. */
  base: string | undefined
  read(): Promise<string>
}

// lru-cache keeps no null values: a map that does not parse is kept as { map: null }.
interface CachedMap {
  map: SourceMap | null
  bytes: number
}

export class SourceMapService {
  private readonly maps: LRUCache<string, CachedMap, MapSource>
  private readonly references: LRUCache<string, { reference: string | null }, { file: string; size: number }>
  private loads = 0
  private readonly loadsByMap = new Map<string, number>()

  constructor(options: SourceMapServiceOptions = {}) {
    this.maps = new LRUCache<string, CachedMap, MapSource>({
      maxSize: options.maxBytes ?? 256 * 2 ** 20,
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
      // A load under way finishes for whoever waits on it even if the entry is pushed out meanwhile.
      ignoreFetchAbort: true,
      allowStaleOnFetchAbort: true,
      fetchMethod: (_key, _stale, { context }) => this.parse(context)
    })
    this.references = new LRUCache<string, { reference: string | null }, { file: string; size: number }>({
      max: options.maxScripts ?? 4096,
      ignoreFetchAbort: true,
      allowStaleOnFetchAbort: true,
      fetchMethod: async (_key, _stale, { context }) => ({ reference: await readMapReference(context.file, context.size) })
    })
  }

  /**
   * The map of a script, by its URL and, where the caller knows it (Debugger.scriptParsed), the
   * map URL the script names; without one, the script's file is read for its comment. Null when
   * the script has no map or it cannot be read.
   */
  async forScript(scriptUrl: string, sourceMapUrl?: string): Promise<SourceMap | null> {
    return (await this.resolve(scriptUrl, sourceMapUrl))?.map ?? null
  }

  /**
   * forScript with the key the map is cached under; null when the script names no map that
   * exists. Never rejects: callers queue work behind it (the console keeps its events in order).
   */
  async resolve(scriptUrl: string, sourceMapUrl?: string): Promise<ResolvedMap | null> {
    try {
      const reference = sourceMapUrl || (await this.referenceOf(scriptUrl))
      if (!reference) return null
      const located = await this.locate(scriptUrl, reference)
      if (!located) return null
      const entry = await this.maps.fetch(located.key, { context: located.source })
      return { key: located.key, map: entry?.map ?? null }
    } catch (error) {
      // The loads themselves fail soft; what is left is a load given up (the cache cleared under it).
      log.debug(`no source map for ${scriptUrl}`, error)
      return null
    }
  }

  /** A map still in the cache, without waiting: undefined when it is not (never loaded, or evicted). */
  peek(key: string): SourceMap | null | undefined {
    const entry = this.maps.get(key)
    return entry === undefined ? undefined : entry.map
  }

  /** The original place of one frame; the frame as it is (`mapped: false`) when its file has no usable map. */
  async originalFrame(frame: StackFrame): Promise<StackFrame & { mapped: boolean }> {
    const original = (await this.forScript(frame.url))?.originalFrame(frame)
    return original ? { ...original, mapped: true } : { ...frame, mapped: false }
  }

  /** Maps every frame; null when none of them has a map (nothing to show beyond the stack itself). */
  async originalStack(stack: readonly StackFrame[] | undefined): Promise<StackFrame[] | null> {
    if (!stack || stack.length === 0) return null
    const maps = new Map<string, Promise<SourceMap | null>>()
    const mapOf = (url: string): Promise<SourceMap | null> => {
      let map = maps.get(url)
      if (!map) maps.set(url, (map = this.forScript(url)))
      return map
    }
    const frames = await Promise.all(stack.map(async (frame) => ({ frame, original: (await mapOf(frame.url))?.originalFrame(frame) ?? null })))
    if (!frames.some((f) => f.original)) return null
    return frames.map((f) => f.original ?? f.frame)
  }

  stats(): SourceMapStats {
    return { loads: this.loads, loadsByMap: Object.fromEntries(this.loadsByMap), cachedMaps: this.maps.size, cachedBytes: this.maps.calculatedSize }
  }

  /** The map reference in a script's file, remembered by the file's mtime and size. */
  private async referenceOf(scriptUrl: string): Promise<string | null> {
    const file = localPathOf(scriptUrl)
    if (!file) return null
    const info = await tryStat(file)
    if (!info?.isFile() || info.size > maxGeneratedBytes) return null
    const entry = await this.references.fetch(`${file}\n${info.mtimeMs}\n${info.size}`, { context: { file, size: info.size } })
    return entry?.reference ?? null
  }

  /** Where the map a script references lives, and the key it is cached under. */
  private async locate(scriptUrl: string, reference: string): Promise<{ key: string; source: MapSource } | null> {
    const base = scriptFileUrl(scriptUrl)
    if (reference.startsWith('data:')) {
      const owner = base ?? scriptUrl
      const hash = createHash('sha1').update(reference).digest('hex')
      return { key: `inline\n${owner}\n${hash}`, source: { name: `${owner}#inline`, base: base ?? undefined, read: async () => dataUrlText(reference) } }
    }
    if (!base) return null
    let mapUrl: URL
    try {
      mapUrl = new URL(reference, base)
    } catch (error) {
      // Not a URL at all: the comment is damaged.
      log.debug(`${scriptUrl} names no usable source map (${reference.slice(0, 100)})`, error)
      return null
    }
    if (mapUrl.protocol !== 'file:') return null
    const file = fileURLToPath(mapUrl)
    const info = await tryStat(file)
    // Not only regular files: a map may come through a pipe (a build tool writing it as it goes).
    if (!info || info.isDirectory()) return null
    return { key: `file\n${file}\n${info.mtimeMs}\n${info.size}`, source: { name: mapUrl.href, base: mapUrl.href, read: () => readFile(file, 'utf8') } }
  }

  private async parse(source: MapSource): Promise<CachedMap> {
    let json: string
    try {
      json = await source.read()
    } catch (error) {
      // Gone since it was found, or unreadable: no map (kept until the file changes).
      log.debug(`cannot read the source map ${source.name}`, error)
      return { map: null, bytes: 1 }
    }
    this.loads++
    this.loadsByMap.set(source.name, (this.loadsByMap.get(source.name) ?? 0) + 1)
    try {
      return { map: new SourceMap(new TraceMap(json, source.base)), bytes: json.length }
    } catch (error) {
      // Not a source map: the scripts stay as they run.
      log.debug(`${source.name} is not a source map`, error)
      return { map: null, bytes: json.length }
    }
  }
}
