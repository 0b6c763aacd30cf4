// The streaming parser on the two real fixtures (2017 and current meta layouts): the same
// numbers and strings as JSON.parse, whatever the chunk boundaries; escapes split across chunks.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { HeapSnapshotParser, openSnapshot, parseHeapSnapshotFile, type ParsedHeapSnapshot } from '..'
import { syntheticSnapshot } from './syntheticSnapshots'

const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fixtures/heapsnapshot')
const fixtures = {
  old: path.join(fixtureDir, 'stefanpenner-small-2017.heapsnapshot'),
  modern: path.join(fixtureDir, 'v8-heap-analyzer-object-modern.heapsnapshot')
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[] }; node_count: number; edge_count: number }
  nodes: number[]
  edges: number[]
  strings: string[]
}

function parseInChunks(bytes: Uint8Array, sizes: () => number): ParsedHeapSnapshot {
  const parser = new HeapSnapshotParser()
  for (let at = 0; at < bytes.length; ) {
    const size = sizes()
    parser.push(bytes.subarray(at, at + size))
    at += size
  }
  return parser.end()
}

function expectSameAsJsonParse(parsed: ParsedHeapSnapshot, raw: RawSnapshot): void {
  const fields = raw.snapshot.meta.node_fields
  const f = (name: string): number => fields.indexOf(name)
  expect(parsed.nodeCount).toBe(raw.snapshot.node_count)
  expect(parsed.edgeCount).toBe(raw.snapshot.edge_count)
  for (let i = 0; i < parsed.nodeCount; i++) {
    const base = i * fields.length
    if (
      parsed.nodeType[i] !== raw.nodes[base + f('type')] ||
      parsed.nodeName[i] !== raw.nodes[base + f('name')] ||
      parsed.nodeId[i] !== raw.nodes[base + f('id')] ||
      parsed.nodeSelfSize[i] !== raw.nodes[base + f('self_size')] ||
      parsed.nodeEdgeCount[i] !== raw.nodes[base + f('edge_count')]
    ) {
      throw new Error(`node ${i} differs`)
    }
  }
  for (let e = 0; e < parsed.edgeCount; e++) {
    if (parsed.edgeType[e] !== raw.edges[3 * e] || parsed.edgeName[e] !== raw.edges[3 * e + 1] || parsed.edgeTo[e] * fields.length !== raw.edges[3 * e + 2]) {
      throw new Error(`edge ${e} differs`)
    }
  }
  expect(parsed.strings).toEqual(raw.strings)
}

describe.each(Object.entries(fixtures))('the %s fixture', (_name, file) => {
  const bytes = readFileSync(file)
  const raw = JSON.parse(bytes.toString('utf8')) as RawSnapshot

  it('parses to the same nodes, edges and strings as JSON.parse', async () => {
    expectSameAsJsonParse(await parseHeapSnapshotFile(file), raw)
  })

  it('gives the same result whatever the chunk boundaries', () => {
    let seed = 7
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return 1 + (seed % 4096)
    }
    expectSameAsJsonParse(parseInChunks(bytes, random), raw)
  })

  it('loads, with every node reachable or accounted for', async () => {
    const handle = await openSnapshot(file, { mode: 'inline' })
    try {
      const info = handle.loaded
      expect(info.nodeCount).toBe(raw.snapshot.node_count)
      expect(info.edgeCount).toBe(raw.snapshot.edge_count)
      expect(info.reachableCount + info.unreachableCount).toBe(info.nodeCount)
      expect(info.nodeFields).toEqual(raw.snapshot.meta.node_fields)
      const rows = await handle.allConstructors()
      expect(rows.reduce((n, r) => n + r.count, 0)).toBe(info.reachableCount)
      expect(rows[0]).toMatchObject({ name: '(root)', retainedSize: info.totalSize })
    } finally {
      await handle.dispose()
    }
  })
})

it('names node types that the 2017 meta does not list (symbol, type 12)', async () => {
  const handle = await openSnapshot(fixtures.old, { mode: 'inline' })
  try {
    const symbols = (await handle.allConstructors()).find((r) => r.name === '(symbol)')
    expect(symbols?.count).toBe(13)
  } finally {
    await handle.dispose()
  }
})

it('decodes escapes and multi-byte characters split across chunks', () => {
  const strings = ['', 'plain', 'quote " and backslash \\ and \\"', 'tab\tnew\nline', 'é ü 中文 🙂', '\\\\', 'end"']
  const text = syntheticSnapshot({ nodes: [9, 0, 1, 0, 0, 0], edges: [], strings })
  const bytes = new TextEncoder().encode(text)
  for (const size of [1, 2, 3, 5, 7, 64]) {
    const parsed = parseInChunks(bytes, () => size)
    expect(parsed.strings).toEqual(strings)
  }
})
