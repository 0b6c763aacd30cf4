// Real targets for the debugger tests: fixtures launched under the inspector, held until a go
// file appears (so breakpoints are set first), a queue of pauses, and a TypeScript fixture
// compiled with tsc and source maps into the system temp folder.
import { createRequire } from 'node:module'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import type { PausedState } from '../../../shared/debuggerTypes'
import type { TargetInfo } from '../../../shared/targetTypes'
import type { Workbench } from '../../workbench'

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
export const fixture = (name: string): string => path.join(fixturesDir, name)

/** The 1-based line of the first line holding `marker`. */
export function lineOf(file: string, marker: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(marker))
  if (index < 0) throw new Error(`${marker} is not in ${file}`)
  return index + 1
}

export function goFile(): string {
  return path.join(os.tmpdir(), `spyglass-debugger-go-${process.pid}-${Math.random().toString(36).slice(2)}`)
}

export function letGo(file: string): void {
  writeFileSync(file, 'go')
}

export async function launch(wb: Workbench, script: string, args: string[] = []): Promise<TargetInfo> {
  return wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, script, ...args] })
}

/** Every pause of every target, in order; `next` waits for the next one not yet taken. */
export class PauseQueue {
  private readonly seen: PausedState[] = []
  private readonly waiters: Array<(state: PausedState) => void> = []
  readonly resumed: number[] = []

  constructor(wb: Workbench, private readonly targetId?: string) {
    wb.on('debugger.paused', (state) => {
      if (this.targetId && state.targetId !== this.targetId) return
      const waiter = this.waiters.shift()
      if (waiter) waiter(state)
      else this.seen.push(state)
    })
    wb.on('debugger.resumed', ({ pauseId }) => this.resumed.push(pauseId))
  }

  next(): Promise<PausedState> {
    const state = this.seen.shift()
    if (state) return Promise.resolve(state)
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  get pending(): number {
    return this.seen.length
  }
}

export interface CompiledTs {
  dir: string
  main: string
  mainTs: string
  geometryTs: string
  geometryUrl: string
}

/** Compiles the TypeScript fixture with tsc (CommonJS, source maps beside the output). */
export function compileTsFixture(): CompiledTs {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-debugger-ts-'))
  const src = path.join(dir, 'src')
  mkdirSync(src)
  for (const name of ['main.ts', 'geometry.ts']) copyFileSync(fixture(path.join('ts', name)), path.join(src, name))
  const program = ts.createProgram([path.join(src, 'main.ts')], {
    outDir: path.join(dir, 'dist'),
    rootDir: src,
    sourceMap: true,
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    // The compiled program is a Node program: Node's types come from this repository's own install.
    typeRoots: [path.dirname(path.dirname(createRequire(import.meta.url).resolve('@types/node/package.json')))],
    types: ['node']
  })
  const emitted = program.emit()
  const errors = ts.getPreEmitDiagnostics(program).concat(emitted.diagnostics)
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' }))
  const geometryTs = path.join(src, 'geometry.ts')
  return { dir, main: path.join(dir, 'dist', 'main.js'), mainTs: path.join(src, 'main.ts'), geometryTs, geometryUrl: pathToFileURL(geometryTs).href }
}
