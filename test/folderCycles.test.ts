// ARCHITECTURE.md: "No import cycle between folders: sessions/ knows no other domain". This test
// reads the real tree, and proves on a small tree of its own that a cycle is found.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { cyclesOf, folderGraph } from './folderGraph'

const mainDir = fileURLToPath(new URL('../src/main', import.meta.url))

describe('the folders of src/main', () => {
  const graph = folderGraph(mainDir)

  it('import each other without cycles', () => {
    const cycles = cyclesOf(graph).map((cycle) => {
      const lines = cycle.flatMap((from) => [...(graph.get(from) ?? [])].filter(([to]) => cycle.includes(to)).flatMap(([, why]) => why))
      return `${cycle.join(' ↔ ')}:\n  ${lines.join('\n  ')}`
    })
    expect(cycles).toEqual([])
  })

  it('leave sessions/ importing no other domain', () => {
    // The logger (log.ts) is no domain: it imports nothing, and every folder may log what it drops.
    expect([...(graph.get('sessions/')?.entries() ?? [])].filter(([to]) => to !== 'log')).toEqual([])
    expect(graph.has('log')).toBe(false)
  })

  it('are all seen (the graph is not empty by mistake)', () => {
    for (const domain of ['targets/', 'console/', 'errors/', 'sessions/', 'settings/', 'profiler/', 'heap/', 'metrics/', 'debugger/']) {
      expect(graph.has(domain) || [...graph.values()].some((edges) => edges.has(domain))).toBe(true)
    }
    expect(graph.get('workbench')?.has('sessions/')).toBe(true)
  })
})

describe('the cycle check', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'spyglass-cycles-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }

  it('finds a cycle through type-only imports and a root file', () => {
    write('alpha/index.ts', "import type { B } from '../beta'\nexport type A = B\n")
    write('beta/index.ts', "export { c } from '../shape'\nexport type B = number\n")
    write('shape.ts', "import type { A } from './alpha'\nexport const c: A | null = null\n")
    write('gamma/index.ts', "import { c } from '../shape'\nexport const g = c\n")
    expect(cyclesOf(folderGraph(root))).toEqual([['alpha/', 'beta/', 'shape']])
  })
})
