export { SourceMapService, type ResolvedMap, type SourceMapServiceOptions, type SourceMapStats } from './sourceMapService'
export { SourceMap } from './sourceMap'
export { ScriptMaps } from './scriptMaps'
export { readOriginalText, scriptFileUrl } from './mapFiles'
