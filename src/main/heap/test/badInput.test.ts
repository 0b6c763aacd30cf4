// Bad input gets a one-line UserError that says how far the parser got — never a crash, a hang
// or a worker left running: truncated files, a meta that does not describe the data, edges past
// the node array, 0 nodes, a snapshot too big for the memory allowed, and fuzzed bytes.
import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UserError } from '../../../shared/userError'
import { analyzeParsedSnapshot, HeapSnapshotParser, openSnapshot } from '..'
import { snapshotFolder, type SnapshotFolder } from './realSnapshots'
import { syntheticSnapshot } from './syntheticSnapshots'

const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fixtures')
const modern = path.join(fixtureDir, 'heapsnapshot/v8-heap-analyzer-object-modern.heapsnapshot')
const modernBytes = readFileSync(modern)
let folder: SnapshotFolder

beforeAll(async () => {
  folder = await snapshotFolder()
})
afterAll(async () => {
  await folder.remove()
})

async function fileWith(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(folder.dir, name)
  await writeFile(file, content)
  return file
}

function parse(bytes: Uint8Array) {
  const parser = new HeapSnapshotParser({ totalBytes: bytes.length })
  parser.push(bytes)
  return parser.end()
}

/** The error `work` throws, which must be a one-line UserError. */
function userErrorOf(work: () => unknown): UserError {
  try {
    work()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).not.toContain('\n')
    return error as UserError
  }
  throw new Error('expected a UserError, got none')
}

describe('truncated files', () => {
  it('says where the file ended, at every cut through the file', () => {
    const cuts = [1, 10, 500, 1000]
    for (let k = 1; k < 40; k++) cuts.push(Math.floor((modernBytes.length * k) / 40))
    cuts.push(modernBytes.length - 1)
    for (const cut of cuts) {
      const error = userErrorOf(() => parse(modernBytes.subarray(0, cut)))
      expect(error.message).toMatch(/is truncated|not valid JSON|more than a file/)
      if (/is truncated/.test(error.message)) expect(error.message).toMatch(/(before the end of the "snapshot" meta|of 43,299 nodes)/)
    }
  })

  it('reports a truncated file from the worker with the file name, and the worker is gone', async () => {
    const file = await fileWith('truncated.heapsnapshot', modernBytes.subarray(0, Math.floor(modernBytes.length / 2)))
    const threads = threadCount()
    await expect(openSnapshot(file, { mode: 'worker' })).rejects.toThrow(/^truncated\.heapsnapshot: the file is truncated: it ends in the "edges" section after 43,299 of 43,299 nodes, [\d,]+ of 182,890 edges and 0 strings \(at byte [\d,]+\)$/)
    if (threads !== null) expect(threadCount()).toBe(threads)
  })
})

describe('read by two threads', () => {
  it('reports a file truncated in the edges, from the thread reading them', async () => {
    const file = await fileWith('cut-edges.heapsnapshot', modernBytes.subarray(0, 2_000_000))
    await expect(openSnapshot(file, { mode: 'worker', parallelReadFromBytes: 0 })).rejects.toThrow(/^cut-edges\.heapsnapshot: the file is truncated: it ends in the "edges" section after [\d,]+ of 43,299 nodes, [\d,]+ of 182,890 edges/)
  })

  it('reports an edge past the node array, from the thread reading the edges', async () => {
    const text = modernBytes.toString('utf8')
    const edgesAt = text.indexOf('"edges":[') + '"edges":['.length
    const firstEdgeEnd = text.indexOf(',', text.indexOf(',', edgesAt) + 1)
    const nextComma = text.indexOf(',', firstEdgeEnd + 1)
    const damaged = `${text.slice(0, firstEdgeEnd + 1)}999999999${text.slice(nextComma)}`
    const file = await fileWith('past.heapsnapshot', damaged)
    await expect(openSnapshot(file, { mode: 'worker', parallelReadFromBytes: 0 })).rejects.toThrow(/^past\.heapsnapshot: edge 0 points past the node array/)
  })

  it('reports a snapshot without edges as not a snapshot, not as truncated', async () => {
    const text = syntheticSnapshot({ nodes: [9, 0, 1, 0, 0, 0], edges: [], strings: [''] }).replace('"edges":[],', '')
    const file = await fileWith('no-edges.heapsnapshot', text)
    await expect(openSnapshot(file, { mode: 'worker', parallelReadFromBytes: 0 })).rejects.toThrow(/^no-edges\.heapsnapshot: not a heap snapshot: it has no "edges" section/)
    await expect(openSnapshot(file, { mode: 'inline' })).rejects.toThrow(/^no-edges\.heapsnapshot: not a heap snapshot: it has no "edges" section/)
  })

  it('reports a truncated node array from this thread, with the other one stopped', async () => {
    const threads = threadCount()
    const file = await fileWith('cut-nodes.heapsnapshot', modernBytes.subarray(0, 5000))
    await expect(openSnapshot(file, { mode: 'worker', parallelReadFromBytes: 0 })).rejects.toThrow(/cut-nodes\.heapsnapshot: /)
    if (threads !== null) expect(threadCount()).toBe(threads)
  })
})

describe('a meta that does not describe the data', () => {
  it('refuses node_fields that do not match the nodes', () => {
    const text = modernBytes.toString('utf8').replace('"edge_count","detachedness"]', '"edge_count"]')
    const error = userErrorOf(() => parse(new TextEncoder().encode(text)))
    expect(error.message).toMatch(/node_fields/)
    expect(error.message).toMatch(/at byte [\d,]+/)
  })

  it('refuses a meta without the fields the analysis needs', () => {
    const text = modernBytes.toString('utf8').replace('"self_size",', '"size",')
    expect(userErrorOf(() => parse(new TextEncoder().encode(text))).message).toMatch(/node_fields has no "self_size"/)
  })

  it('refuses a node_count that does not match the nodes', () => {
    const text = syntheticSnapshot({ nodes: [9, 0, 1, 0, 0, 0, 3, 1, 3, 8, 0, 0], edges: [], strings: ['', 'A'], nodeCount: 1 })
    expect(userErrorOf(() => parse(new TextEncoder().encode(text))).message).toMatch(/more nodes than node_count/)
  })

  it('refuses edge counts that do not add up to edge_count', () => {
    const text = syntheticSnapshot({ nodes: [9, 0, 1, 0, 2, 0, 3, 1, 3, 8, 0, 0], edges: [2, 1, 6], strings: ['', 'A'] })
    const parsed = parse(new TextEncoder().encode(text))
    expect(userErrorOf(() => analyzeParsedSnapshot(parsed, { name: 'x', fileBytes: 1 })).message).toMatch(/edge counts add up to 2 edges, but edge_count says 1/)
  })
})

describe('broken graphs', () => {
  it('refuses edges that point past the node array', () => {
    const text = syntheticSnapshot({ nodes: [9, 0, 1, 0, 1, 0, 3, 1, 3, 8, 0, 0], edges: [2, 1, 12], strings: ['', 'A'] })
    expect(userErrorOf(() => parse(new TextEncoder().encode(text))).message).toMatch(/edge 0 points past the node array \(to_node 12, the nodes hold 12\)/)
  })

  it('refuses edges that point into the middle of a node', () => {
    const text = syntheticSnapshot({ nodes: [9, 0, 1, 0, 1, 0, 3, 1, 3, 8, 0, 0], edges: [2, 1, 7], strings: ['', 'A'] })
    expect(userErrorOf(() => parse(new TextEncoder().encode(text))).message).toMatch(/middle of a node/)
  })

  it('refuses names past the strings', () => {
    const text = syntheticSnapshot({ nodes: [9, 0, 1, 0, 0, 0, 3, 9, 3, 8, 0, 0], edges: [], strings: ['', 'A'] })
    expect(userErrorOf(() => parse(new TextEncoder().encode(text))).message).toMatch(/node 1 names string 9, but there are only 2 strings/)
  })

  it('refuses a snapshot of 0 nodes', async () => {
    const file = await fileWith('empty-graph.heapsnapshot', syntheticSnapshot({ nodes: [], edges: [], strings: [] }))
    await expect(openSnapshot(file, { mode: 'inline' })).rejects.toThrow(/0 nodes/)
  })

  it('refuses files that are not heap snapshots', async () => {
    const profile = path.join(fixtureDir, 'cpuprofile', readdirSync(path.join(fixtureDir, 'cpuprofile'))[0])
    await expect(openSnapshot(profile, { mode: 'inline' })).rejects.toThrow(UserError)
    await expect(openSnapshot(await fileWith('empty.heapsnapshot', ''), { mode: 'inline' })).rejects.toThrow(/the file is empty/)
    await expect(openSnapshot(path.join(folder.dir, 'missing.heapsnapshot'), { mode: 'inline' })).rejects.toThrow(/no such file/)
    await mkdir(path.join(folder.dir, 'folder.heapsnapshot'))
    await expect(openSnapshot(path.join(folder.dir, 'folder.heapsnapshot'), { mode: 'inline' })).rejects.toThrow(/is a directory/)
  })
})

describe('memory', () => {
  it('refuses a snapshot too big for the memory allowed before allocating, and releases the worker', async () => {
    const threads = threadCount()
    const refused = openSnapshot(modern, { mode: 'worker', memoryLimitBytes: 1024 * 1024 })
    await expect(refused).rejects.toThrow(/needs about [\d.]+ [KMG]iB of memory, more than the 1 MiB allowed \(at byte [\d,]+\)/)
    if (threads !== null) expect(threadCount()).toBe(threads)
  })

  it('refuses a meta that announces more than the file can hold', () => {
    const text = syntheticSnapshot({ nodes: [9, 0, 1, 0, 0, 0], edges: [], strings: [''], nodeCount: 500_000_000 })
    expect(userErrorOf(() => parse(new TextEncoder().encode(text))).message).toMatch(/announces 500,000,000 nodes .* more than a file of [\d,]+ bytes can hold/)
  })

  it('frees the worker on dispose', async () => {
    const threads = threadCount()
    const handle = await openSnapshot(modern, { mode: 'worker' })
    await handle.dispose()
    if (threads !== null) expect(threadCount()).toBe(threads)
    await expect(handle.info()).rejects.toThrow(/was closed/)
  })
})

it('survives fuzzed bytes: every damaged file loads or fails with a UserError', () => {
  let seed = 12345
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
    return seed % n
  }
  const alphabet = new TextEncoder().encode('0123456789,[]{}":\\ -.ae')
  for (let round = 0; round < 25; round++) {
    const bytes = Uint8Array.from(modernBytes)
    const flips = 1 + random(4)
    for (let k = 0; k < flips; k++) bytes[random(bytes.length)] = alphabet[random(alphabet.length)]
    try {
      const parsed = parse(bytes)
      analyzeParsedSnapshot(parsed, { name: 'fuzz', fileBytes: bytes.length })
    } catch (error) {
      if (!(error instanceof UserError)) throw new Error(`round ${round}: ${String(error)}`, { cause: error })
      expect(error.message).not.toContain('\n')
    }
  }
})

/** Threads of this process (Linux); a worker is a thread, so a released worker brings it back down. */
function threadCount(): number | null {
  if (process.platform !== 'linux') return null
  return readdirSync('/proc/self/task').length
}
