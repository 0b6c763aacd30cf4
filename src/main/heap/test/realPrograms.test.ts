// The engine on snapshots of real programs with known heaps: exact instance counts, retained
// sizes that add up, an exact diff, leaks held by a global array, a cache Map, an event listener
// and a closure found with their retainer paths, the same answers inline and from the worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffSnapshots, findLeaks, openDiff, openSnapshot, type HeapSnapshotHandle } from '..'
import { snapshotFolder, writeSnapshots, type SnapshotFolder } from './realSnapshots'

let folder: SnapshotFolder

beforeAll(async () => {
  folder = await snapshotFolder()
  // Counted: exactly 1,234 CountedThing, each owning one CountedPart; a diff adds exactly 567.
  // Leaks: between baseline and target the program leaks through four patterns and makes
  // garbage; between target and final it only makes garbage.
  await writeSnapshots(
    folder,
    `
class CountedThing { constructor(i) { this.index = i; this.part = new CountedPart(i) } }
class CountedPart { constructor(i) { this.value = i * 2 } }
globalThis.counted = []
for (let i = 0; i < 1234; i++) counted.push(new CountedThing(i))
snap('counted')
for (let i = 0; i < 567; i++) counted.push(new CountedThing(i))
snap('counted-more')
counted.length = 0
globalThis.counted = null

const { EventEmitter } = require('node:events')
class ArrayLeak { constructor(i) { this.i = i; this.payload = new Array(16).fill(i) } }
class CacheLeak { constructor(i) { this.i = i; this.text = 'cached ' + i } }
class ListenerLeak { constructor(i) { this.i = i } }
class ClosureLeak { constructor(i) { this.i = i; this.buffer = new Array(32).fill(i) } }
class Temporary { constructor(i) { this.i = i } }
globalThis.arrayLeaks = []
const responseCache = new Map()
globalThis.bus = new EventEmitter()
bus.setMaxListeners(0)
let lastHandler = null
globalThis.callHandler = () => lastHandler && lastHandler()
function garbage() { const t = []; for (let i = 0; i < 2000; i++) t.push(new Temporary(i)); return t.length }
function action() {
  for (let i = 0; i < 300; i++) arrayLeaks.push(new ArrayLeak(i))
  for (let i = 0; i < 200; i++) responseCache.set('/users/' + i, new CacheLeak(i))
  for (let i = 0; i < 100; i++) { const owner = new ListenerLeak(i); bus.on('tick', () => owner.i) }
  for (let i = 0; i < 50; i++) { const captured = new ClosureLeak(i); const previous = lastHandler; lastHandler = function handler() { return captured.i + (previous ? previous() : 0) } }
  garbage()
}
garbage()
snap('baseline')
action()
snap('target')
garbage()
snap('final')
`
  )
}, 120_000)

afterAll(async () => {
  await folder.remove()
})

async function withSnapshot<T>(name: string, mode: 'inline' | 'worker', use: (handle: HeapSnapshotHandle) => Promise<T>): Promise<T> {
  const handle = await openSnapshot(folder.file(name), { mode })
  try {
    return await use(handle)
  } finally {
    await handle.dispose()
  }
}

describe('summary of a real snapshot', () => {
  it('counts exactly the instances the program retains, with shallow and retained sizes that add up', async () => {
    await withSnapshot('counted', 'inline', async (handle) => {
      const rows = await handle.allConstructors()
      const thing = rows.find((r) => r.name === 'CountedThing')
      const part = rows.find((r) => r.name === 'CountedPart')
      expect(thing?.count).toBe(1234)
      expect(part?.count).toBe(1234)
      // Each thing dominates its part, so the class retains its own and its parts' sizes.
      expect(thing!.retainedSize).toBe(thing!.shallowSize + part!.shallowSize)
      expect(part!.retainedSize).toBe(part!.shallowSize)
      const info = await handle.info()
      expect(info.nodeCount).toBe(handle.loaded.nodeCount)
      expect(info.totalSize).toBe(rows.find((r) => r.name === '(root)')!.retainedSize)
      const shallowTotal = rows.reduce((sum, r) => sum + r.shallowSize, 0)
      expect(shallowTotal).toBe(info.totalSize)
      expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(info.reachableCount)
    })
  })

  it('pages, sorts and searches the constructors', async () => {
    await withSnapshot('counted', 'inline', async (handle) => {
      const all = await handle.allConstructors()
      const first = await handle.summary({ limit: 10 })
      const second = await handle.summary({ offset: 10, limit: 10 })
      expect(first.total).toBe(all.length)
      expect([...first.rows, ...second.rows]).toEqual(all.slice(0, 20))
      const byCount = (await handle.summary({ sort: 'count', limit: 50 })).rows.map((r) => r.count)
      expect(byCount).toEqual([...byCount].sort((a, b) => b - a))
      const byName = (await handle.summary({ sort: 'name', limit: 50 })).rows.map((r) => r.name)
      expect(byName).toEqual([...byName].sort())
      const found = await handle.summary({ search: 'countedp' })
      expect(found.rows.map((r) => r.name)).toEqual(['CountedPart'])
    })
  })

  it('lists the objects of a class, their fields, holders and the path from the root', async () => {
    await withSnapshot('counted', 'inline', async (handle) => {
      const things = await handle.objects('CountedThing', { limit: 5000 })
      expect(things.total).toBe(1234)
      expect(things.rows).toHaveLength(1234)
      const one = things.rows[0]
      const detail = await handle.object(one.nodeId)
      expect(detail.object).toEqual(one)
      const fieldNames = detail.edges.rows.map((e) => e.name)
      expect(fieldNames).toEqual(expect.arrayContaining(['part']))
      expect(detail.edges.rows.find((e) => e.name === 'part')?.node.name).toBe('CountedPart')
      // Small integers are stored in the object: no edge. The array's elements store hold it.
      expect(detail.retainers.rows.some((r) => r.type === 'element')).toBe(true)
      const children = await handle.children(one.nodeId)
      expect(children.rows).toEqual(detail.edges.rows)
      const paths = await handle.retainerPaths(one.nodeId, { maxPaths: 3 })
      expect(paths.length).toBeGreaterThanOrEqual(1)
      const steps = paths[0].steps
      expect(steps[0].node.name).toBe('(root)')
      expect(steps[steps.length - 1].node.nodeId).toBe(one.nodeId)
      expect(steps.some((s) => s.edge?.type === 'property' && s.edge.name === 'counted')).toBe(true)
      expect(paths[0].truncated).toBe(false)
      // Every step is one strong edge closer to the object.
      steps.forEach((s, k) => expect(s.node.distance).toBe(k))
      const missing = handle.loaded.maxNodeId + 1
      await expect(handle.object(missing)).rejects.toThrow(`no object with id @${missing}`)
    })
  })

  it('gives the same answers from the worker, reading with one thread or two, as inline', async () => {
    const ask = (h: HeapSnapshotHandle) => Promise.all([h.info(), h.summary({ limit: 40 }), h.objects('CountedPart', { limit: 3 }), h.allConstructors()])
    const inline = await withSnapshot('counted', 'inline', ask)
    const oneThread = await withSnapshot('counted', 'worker', ask)
    const twoThreads = await openSnapshot(folder.file('counted'), { mode: 'worker', parallelReadFromBytes: 0 }).then(async (h) => {
      try {
        return await ask(h)
      } finally {
        await h.dispose()
      }
    })
    for (const worker of [oneThread, twoThreads]) {
      expect(worker[0]).toEqual({ ...inline[0], timings: worker[0].timings })
      expect(worker.slice(1)).toEqual(inline.slice(1))
    }
  })
})

describe('diff of two snapshots of one process', () => {
  it('finds exactly the 567 instances added, none gone, and lists them', async () => {
    const diff = await openDiff(folder.file('counted'), folder.file('counted-more'), { mode: 'worker' })
    try {
      expect(diff.a.inWorker && diff.b.inWorker).toBe(true)
      const thing = diff.report.constructors.find((r) => r.name === 'CountedThing')
      expect(thing).toMatchObject({ countA: 1234, countB: 1801, countDelta: 567, newCount: 567, deletedCount: 0 })
      expect(thing!.sizeDelta).toBe(thing!.sizeB - thing!.sizeA)
      expect(thing!.newSize).toBe(thing!.sizeDelta)
      expect(diff.report.constructors.find((r) => r.name === 'CountedPart')).toMatchObject({ countDelta: 567, newCount: 567, deletedCount: 0 })
      const deltas = diff.report.constructors.map((r) => Math.abs(r.sizeDelta))
      expect(deltas).toEqual([...deltas].sort((x, y) => y - x))
      const fresh = await diff.newObjects('CountedThing', { limit: 1000 })
      expect(fresh.total).toBe(567)
      const oldIds = new Set((await diff.a.objects('CountedThing', { limit: 10_000 })).rows.map((r) => r.nodeId))
      expect(fresh.rows.every((r) => !oldIds.has(r.nodeId))).toBe(true)
      const paths = await diff.b.retainerPaths(fresh.rows[0].nodeId)
      expect(paths[0].steps.some((s) => s.edge?.name === 'counted')).toBe(true)
    } finally {
      await diff.dispose()
    }
  })

  it('diffSnapshots returns the same report inline', async () => {
    const inline = await diffSnapshots(folder.file('counted'), folder.file('counted-more'), { mode: 'inline' })
    expect(inline.constructors.find((r) => r.name === 'CountedThing')).toMatchObject({ countDelta: 567, newCount: 567 })
  })
})

describe('leak finding over baseline, target and final', () => {
  it('finds the leaks through a global array, a cache Map, an event listener and a closure, with their paths', async () => {
    const report = await findLeaks(folder.file('baseline'), folder.file('target'), folder.file('final'), { mode: 'worker' })
    const text = (path: string[]): string => path.join(' → ')
    // A global array: 300 objects, one group, the path through the global property.
    const array = report.leaks.find((l) => l.name === 'ArrayLeak')
    expect(array?.count).toBe(300)
    expect(text(array!.retainerPath)).toMatch(/\.arrayLeaks → Array \[\] → ArrayLeak$/)
    // A Map used as a cache: 200 objects, through the map's variable and its table.
    const cache = report.leaks.filter((l) => l.name === 'CacheLeak')
    expect(cache.reduce((n, l) => n + l.count, 0)).toBe(200)
    expect(cache.every((l) => /responseCache.*Map/.test(text(l.retainerPath)))).toBe(true)
    // Listeners: the listener array of the emitter, holding the 100 closures and what they captured.
    const listeners = report.leaks.find((l) => /EventEmitter \._events/.test(text(l.retainerPath)))
    expect(listeners, JSON.stringify(report.leaks.slice(0, 10))).toBeDefined()
    expect(text(listeners!.retainerPath)).toMatch(/\.tick/)
    // A closure chain: the newest handler holds every captured ClosureLeak through its context.
    const closure = report.leaks.find((l) => l.name === '(closure) handler')
    expect(closure?.count).toBe(1)
    expect(text(closure!.retainerPath)).toMatch(/\.lastHandler \(closure variable\) → \(closure\) handler$/)
    // Garbage made between the snapshots is not reported; nothing from before the baseline is.
    expect(report.leaks.some((l) => l.name === 'Temporary')).toBe(false)
    const ranked = report.leaks.map((l) => l.retainedSize)
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a))
    // The retained sizes cover what the leaked objects hold.
    const final = await openSnapshot(folder.file('final'), { mode: 'inline' })
    try {
      const rows = await final.allConstructors()
      const shallow = (name: string): number => rows.find((r) => r.name === name)!.shallowSize
      expect(array!.retainedSize).toBeGreaterThanOrEqual(shallow('ArrayLeak'))
      expect(closure!.retainedSize).toBeGreaterThanOrEqual(shallow('ClosureLeak'))
      expect(listeners!.retainedSize).toBeGreaterThanOrEqual(shallow('ListenerLeak'))
      const sample = await final.object(array!.sampleNodeIds[0])
      expect(sample.object.name).toBe('ArrayLeak')
    } finally {
      await final.dispose()
    }
  })

  it('finds nothing when the action leaked nothing', async () => {
    const report = await findLeaks(folder.file('target'), folder.file('final'), folder.file('final'), { mode: 'inline' })
    expect(report.leaks.filter((l) => /Leak/.test(l.name))).toEqual([])
  })
})
