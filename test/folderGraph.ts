// The import graph of src/main between its folders (a domain, a shell) and its root files
// (workbench.ts, domain.ts, sessionParts.ts): one node each. Type-only imports count too: a
// cycle of types still ties two folders together. Imports are read with TypeScript's own
// pre-processor, so comments and strings do not fool it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

export type FolderGraph = Map<string, Map<string, string[]>>

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(full)
    return /\.(ts|tsx|mts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : []
  })
}

/** The node a file belongs to: its first folder under `root`, or the file itself at the root. */
function nodeOf(root: string, file: string): string {
  const [first, ...rest] = path.relative(root, file).split(path.sep)
  return rest.length === 0 ? first.replace(/\.(ts|tsx|mts)$/, '') : `${first}/`
}

/** A module specifier's file: `x.ts`, `x/index.ts`, or as written (`.mjs` workers, `.json`). */
function resolvedFile(resolved: string): string {
  for (const candidate of [`${resolved}.ts`, `${resolved}.tsx`]) if (existsSync(candidate)) return candidate
  if (existsSync(resolved) && statSync(resolved).isDirectory()) return path.join(resolved, 'index.ts')
  return resolved
}

/** Folder → folder it imports → the import lines that do it (for the message). */
export function folderGraph(root: string): FolderGraph {
  const graph: FolderGraph = new Map()
  for (const file of sourceFiles(root)) {
    const from = nodeOf(root, file)
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue
      const resolved = path.resolve(path.dirname(file), fileName)
      if (path.relative(root, resolved).startsWith('..')) continue
      const target = nodeOf(root, resolvedFile(resolved))
      if (target === from) continue
      const edges = graph.get(from) ?? new Map<string, string[]>()
      graph.set(from, edges)
      edges.set(target, [...(edges.get(target) ?? []), `${path.relative(root, file)} → ${fileName}`])
    }
  }
  return graph
}

/** Every cycle's nodes (strongly connected components of more than one node), by Tarjan's algorithm. */
export function cyclesOf(graph: FolderGraph): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  let next = 0
  const visit = (node: string): void => {
    index.set(node, next)
    low.set(node, next++)
    stack.push(node)
    onStack.add(node)
    for (const to of graph.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to)
        low.set(node, Math.min(low.get(node)!, low.get(to)!))
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!))
      }
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member)
      component.push(member)
      if (member === node) break
    }
    if (component.length > 1) cycles.push(component.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return cycles
}
