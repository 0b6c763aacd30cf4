// The debugger's two figures, each beside a bare CDP client doing the same work without
// Spyglass's source-map layer, in the same run: binding 1,000 breakpoints set by original .ts
// file and line in a tsc-compiled project, and the latency from a pause to the paused frame's
// variables (resume, the next hit, the local scope's properties).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { generatedPositionFor, LEAST_UPPER_BOUND, TraceMap } from '@jridgewell/trace-mapping'
import ts from 'typescript'
import { afterAll, expect, it } from 'vitest'
import type { PausedState } from '../src/shared/debuggerTypes'
import { newWorkbench, startNode, stopAllNodes } from '../src/main/targets/test/harness'
import type { Workbench } from '../src/main/workbench'
import { BareCdpClient } from './bareCdpClient'
import { median, ms, report } from './figures'

const files = 20
const functionsPerFile = 50
const pauseRounds = 40
/** Each side runs this many times, taking turns, so that load from elsewhere on the machine hits both alike. */
const rounds = 3
afterAll(() => stopAllNodes())

interface Project {
  main: string
  /** Original file, 1-based line, for each of the 1,000 breakpoints. */
  breakpoints: Array<{ file: string; line: number }>
  hot: { file: string; line: number }
}

/** 20 modules of 50 small functions, and a hot loop that a breakpoint stops on over and over. */
function writeProject(): Project {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-bench-debugger-'))
  const src = path.join(dir, 'src')
  mkdirSync(src)
  const breakpoints: Project['breakpoints'] = []
  const imports: string[] = []
  for (let f = 0; f < files; f++) {
    const lines = [`// module ${f}`]
    for (let j = 0; j < functionsPerFile; j++) {
      lines.push(`export function fn${f}_${j}(input: number): number {`, `  const a: number = input + ${j}`)
      breakpoints.push({ file: path.join(src, `mod${f}.ts`), line: lines.length + 1 })
      lines.push('  const b: number = a * 2', '  return a + b', '}', '')
    }
    writeFileSync(path.join(src, `mod${f}.ts`), lines.join('\n'))
    imports.push(`import * as mod${f} from './mod${f}'`)
  }
  const hotLines = [
    "import { existsSync } from 'node:fs'",
    ...imports,
    `export const modules = [${Array.from({ length: files }, (_, f) => `mod${f}`).join(', ')}]`,
    'class User {',
    '  constructor(readonly id: number, readonly name: string, readonly tags: string[]) {}',
    '}',
    'function hot(i: number): number {',
    "  const user = new User(i, 'ada', ['admin', 'ops'])",
    '  const list = [1, 2, 3, i]',
    "  const lookup = new Map([['k', i]])",
    '  return user.id + list.length + lookup.size // @hot',
    '}',
    'let n = 0',
    'function loop(): void {',
    '  hot(n++)',
    '  setImmediate(loop)',
    '}',
    'const go = process.argv[2]',
    'const wait = setInterval(() => {',
    '  if (!existsSync(go)) return',
    '  clearInterval(wait)',
    '  loop()',
    '}, 10)'
  ]
  writeFileSync(path.join(src, 'main.ts'), hotLines.join('\n'))
  const program = ts.createProgram([path.join(src, 'main.ts')], {
    outDir: path.join(dir, 'dist'),
    rootDir: src,
    sourceMap: true,
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    typeRoots: [path.dirname(path.dirname(createRequire(import.meta.url).resolve('@types/node/package.json')))],
    types: ['node']
  })
  program.emit()
  return { main: path.join(dir, 'dist', 'main.js'), breakpoints, hot: { file: path.join(src, 'main.ts'), line: hotLines.findIndex((l) => l.includes('// @hot')) + 1 } }
}

/** Where tsc put an original line, as the anchor is handed it (mapping it is the layer it goes without). */
function generatedOf(original: { file: string; line: number }): { url: string; lineNumber: number; columnNumber: number } {
  const js = original.file.replace(`${path.sep}src${path.sep}`, `${path.sep}dist${path.sep}`).replace(/\.ts$/, '.js')
  const map = new TraceMap(readFileSync(`${js}.map`, 'utf8'), pathToFileURL(`${js}.map`).href)
  const position = generatedPositionFor(map, { source: pathToFileURL(original.file).href, line: original.line, column: 0, bias: LEAST_UPPER_BOUND })
  return { url: pathToFileURL(js).href, lineNumber: position.line! - 1, columnNumber: position.column! }
}

function goFile(): string {
  return path.join(os.tmpdir(), `spyglass-bench-go-${process.pid}-${Math.random().toString(36).slice(2)}`)
}

async function spyglassFigures(project: Project): Promise<{ bindMs: number; pauseMs: number }> {
  const wb: Workbench = newWorkbench()
  const go = goFile()
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, project.main, go] })
  const modUrl = pathToFileURL(project.breakpoints.at(-1)!.file).href
  for (;;) {
    if ((await wb.invoke('debugger.sources', { targetId: target.id })).some((s) => s.url === modUrl)) break
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const bindStart = performance.now()
  for (const bp of project.breakpoints) {
    const set = await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: pathToFileURL(bp.file).href, line: bp.line })
    if (set.state !== 'bound') throw new Error(`breakpoint at ${bp.file}:${bp.line} did not bind: ${set.message}`)
  }
  const bindMs = performance.now() - bindStart
  expect((await wb.invoke('debugger.breakpoints', { targetId: target.id })).filter((b) => b.state === 'bound')).toHaveLength(project.breakpoints.length)

  const waiters: Array<(state: PausedState) => void> = []
  wb.on('debugger.paused', (state) => waiters.shift()?.(state))
  const nextPause = () => new Promise<PausedState>((resolve) => waiters.push(resolve))
  await wb.invoke('debugger.setBreakpoint', { targetId: target.id, url: pathToFileURL(project.hot.file).href, line: project.hot.line })
  let paused = nextPause()
  writeFileSync(go, 'go')
  await paused
  const samples: number[] = []
  for (let i = 0; i < pauseRounds; i++) {
    const start = performance.now()
    paused = nextPause()
    await wb.invoke('debugger.resume', { targetId: target.id })
    const state = await paused
    const local = state.callFrames[0].scopes.find((s) => s.type === 'local')!
    const { rows } = await wb.invoke('debugger.properties', { targetId: target.id, objectId: local.objectId })
    samples.push(performance.now() - start)
    if (!rows.some((r) => r.name === 'user')) throw new Error('the local scope has no user')
  }
  await wb.dispose()
  return { bindMs, pauseMs: median(samples) }
}

async function bareFigures(project: Project): Promise<{ bindMs: number; pauseMs: number }> {
  const go = goFile()
  const started = startNode(process.execPath, ['--inspect=127.0.0.1:0', project.main, go])
  const client = await BareCdpClient.connect(await started.inspectorUrl)
  await client.send('Runtime.enable')
  await client.send('Debugger.enable')
  const positions = project.breakpoints.map(generatedOf)
  const bindStart = performance.now()
  for (const position of positions) {
    const result = (await client.send('Debugger.setBreakpointByUrl', position)) as { locations: unknown[] }
    if (result.locations.length !== 1) throw new Error('the anchor did not bind')
  }
  const bindMs = performance.now() - bindStart

  type Paused = { callFrames: Array<{ scopeChain: Array<{ type: string; object: { objectId: string } }> }> }
  const waiters: Array<(event: Paused) => void> = []
  client.onEvent('Debugger.paused', (params) => waiters.shift()?.(params as Paused))
  const nextPause = () => new Promise<Paused>((resolve) => waiters.push(resolve))
  await client.send('Debugger.setBreakpointByUrl', generatedOf(project.hot))
  let paused = nextPause()
  writeFileSync(go, 'go')
  await paused
  const samples: number[] = []
  for (let i = 0; i < pauseRounds; i++) {
    const start = performance.now()
    paused = nextPause()
    await client.send('Debugger.resume')
    const event = await paused
    const local = event.callFrames[0].scopeChain.find((s) => s.type === 'local')!
    await client.send('Runtime.getProperties', { objectId: local.object.objectId, ownProperties: true, generatePreview: true })
    samples.push(performance.now() - start)
  }
  client.close()
  await started.stop()
  return { bindMs, pauseMs: median(samples) }
}

it('debugger: binding 1,000 source-mapped breakpoints, and pause-to-variables latency', async () => {
  const project = writeProject()
  const runs: Array<{ spyglass: { bindMs: number; pauseMs: number }; bare: { bindMs: number; pauseMs: number } }> = []
  for (let i = 0; i < rounds; i++) runs.push({ spyglass: await spyglassFigures(project), bare: await bareFigures(project) })
  const spyglass = { bindMs: median(runs.map((r) => r.spyglass.bindMs)), pauseMs: median(runs.map((r) => r.spyglass.pauseMs)) }
  const bare = { bindMs: median(runs.map((r) => r.bare.bindMs)), pauseMs: median(runs.map((r) => r.bare.pauseMs)) }
  report('Debugger (tsc project: 20 modules, 1,000 breakpoints by .ts file and line)', [
    { figure: `bind 1,000 breakpoints (one request each, in turn; median of ${rounds} runs)`, spyglass: ms(spyglass.bindMs), 'bare CDP client (pre-mapped positions)': ms(bare.bindMs) },
    { figure: 'per breakpoint', spyglass: ms(spyglass.bindMs / project.breakpoints.length), 'bare CDP client (pre-mapped positions)': ms(bare.bindMs / project.breakpoints.length) },
    { figure: `pause to variables (resume, next hit, local scope; median of ${rounds} runs of ${pauseRounds})`, spyglass: ms(spyglass.pauseMs), 'bare CDP client (pre-mapped positions)': ms(bare.pauseMs) }
  ])
})
