// The TypeScript fixtures of the source-map tests, compiled by tsc into the system temp folder:
// the whole program (a map file beside each script), or pricing.ts alone under another name (a
// map file or an inline data: map).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'ts')

/** The 1-based line of the first line of `file` holding `marker`. */
export function lineOf(file: string, marker: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(marker))
  if (index < 0) throw new Error(`${marker} is not in ${file}`)
  return index + 1
}

export interface CompiledProgram {
  main: string
  mainTs: string
  pricingTs: string
  /** The maps tsc wrote, by file URL. */
  mainMapUrl: string
  pricingMapUrl: string
}

/**
 * main.ts and pricing.ts compiled by tsc one file at a time (transpileModule: CommonJS, a .map
 * beside each .js, no type check: a checked program with Node's types takes a minute on a busy machine).
 */
export function compileProgram(): CompiledProgram {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-sourcemaps-'))
  for (const name of ['main', 'pricing']) {
    const source = readFileSync(path.join(fixturesDir, `${name}.ts`), 'utf8')
    writeFileSync(path.join(dir, `${name}.ts`), source)
    const compiled = ts.transpileModule(source, { fileName: `${name}.ts`, compilerOptions: { sourceMap: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } })
    writeFileSync(path.join(dir, `${name}.js`), compiled.outputText)
    writeFileSync(path.join(dir, `${name}.js.map`), compiled.sourceMapText!)
  }
  return {
    main: path.join(dir, 'main.js'),
    mainTs: path.join(dir, 'main.ts'),
    pricingTs: path.join(dir, 'pricing.ts'),
    mainMapUrl: pathToFileURL(path.join(dir, 'main.js.map')).href,
    pricingMapUrl: pathToFileURL(path.join(dir, 'pricing.js.map')).href
  }
}

export interface TranspiledFile {
  /** The generated script, its file URL, and its original beside it. */
  js: string
  jsUrl: string
  ts: string
  tsUrl: string
  /** The map file (null for an inline map). */
  map: string | null
  /** What the script's sourceMappingURL comment says (what V8 reports as its sourceMapURL). */
  sourceMapUrl: string
}

/** pricing.ts transpiled into `dir` as `name`.js, with its map beside it or inline; `padding` lines of comment grow the original. */
export function transpilePricing(dir: string, name: string, options: { inline?: boolean; padding?: number } = {}): TranspiledFile {
  const original = readFileSync(path.join(fixturesDir, 'pricing.ts'), 'utf8')
  const source = `${'// padding that the inline map embeds as the source text\n'.repeat(options.padding ?? 0)}${original}`
  const ts_ = path.join(dir, `${name}.ts`)
  writeFileSync(ts_, source)
  const compiled = ts.transpileModule(source, {
    fileName: `${name}.ts`,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, ...(options.inline ? { inlineSourceMap: true, inlineSources: true } : { sourceMap: true }) }
  })
  const js = path.join(dir, `${name}.js`)
  writeFileSync(js, compiled.outputText)
  let map: string | null = null
  if (!options.inline) writeFileSync((map = path.join(dir, `${name}.js.map`)), compiled.sourceMapText!)
  const sourceMapUrl = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(compiled.outputText)![1]
  return { js, jsUrl: pathToFileURL(js).href, ts: ts_, tsUrl: pathToFileURL(ts_).href, map, sourceMapUrl }
}

/** The 1-based generated line of the first line of the script holding `text`. */
export function generatedLineOf(file: TranspiledFile, text: string): number {
  return lineOf(file.js, text)
}
