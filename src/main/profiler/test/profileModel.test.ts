// The model on profiles small enough to work out by hand: times from timeDeltas, recursion,
// merging, the left-heavy layout, the flame chart, the sandwich, attribution; and the parser's
// tolerance for key order and string escapes.
import { describe, expect, it } from 'vitest'
import { buildFlameChart, buildProfileModel, classifyFrame, functionRows, groupRows, npmPackageOf, parseCpuProfileBytes, sandwich, summarizeProfile, type ProfileModel } from '..'
import { profileJson, type NodeSpec } from './syntheticProfiles'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const modelOf = (text: string): ProfileModel => buildProfileModel(parseCpuProfileBytes(bytes(text)))
const app = (name: string, line = 0): NodeSpec['callFrame'] => ({ functionName: name, url: 'file:///app/main.js', lineNumber: line, columnNumber: 0 })

/**
 *  (root) 1
 *   ├─ main 2 ── a 3 ── b 4
 *   │       └─ a 5            (a second node of `a`: same function, other call site in V8's tree)
 *   ├─ (garbage collector) 6
 *   └─ (idle) 7
 * Samples (each lasting until the next; the last until endTime): b 1 ms, a(5) 2 ms, b 3 ms, gc 4 ms, idle 10 ms, main 0.5 ms.
 */
function handProfile(): string {
  return profileJson({
    nodes: [
      { id: 1, callFrame: { functionName: '(root)' }, children: [2, 6, 7] },
      { id: 2, callFrame: app('main', 0), children: [3, 5] },
      { id: 3, callFrame: app('a', 10), children: [4] },
      { id: 4, callFrame: app('b', 20) },
      { id: 5, callFrame: app('a', 10) },
      { id: 6, callFrame: { functionName: '(garbage collector)' } },
      { id: 7, callFrame: { functionName: '(idle)' } }
    ],
    startTime: 0,
    samples: [4, 5, 4, 6, 7, 2],
    // µs since the previous sample; the first sample comes 100 µs after startTime.
    timeDeltas: [100, 1000, 2000, 3000, 4000, 10_000],
    endTime: 100 + 20_000 + 500
  })
}

describe('times', () => {
  const model = modelOf(handProfile())
  const row = (name: string) => functionRows(model).find((r) => r.functionName === name)!

  it('come from timeDeltas: each sample lasts until the next one', () => {
    expect(Array.from(model.samples.durationMs)).toEqual([1, 2, 3, 4, 10, 0.5])
    expect(Array.from(model.samples.startMs)).toEqual([0.1, 1.1, 3.1, 6.1, 10.1, 20.1])
    expect(model.sampledMs).toBe(20.5)
    expect(model.durationMs).toBe(20.6)
    expect(model.idleMs).toBe(10)
    expect(model.nonIdleMs).toBe(10.5)
  })

  it('self and total per function, nodes of one function merged', () => {
    expect(row('b')).toMatchObject({ selfMs: 4, totalMs: 4, line: 21, column: 1, category: 'app' })
    expect(row('a')).toMatchObject({ selfMs: 2, totalMs: 6 })
    expect(row('main')).toMatchObject({ selfMs: 0.5, totalMs: 6.5 })
    expect(row('(garbage collector)')).toMatchObject({ selfMs: 4, totalMs: 4, category: 'gc' })
    expect(functionRows(model).map((r) => r.functionName)).toEqual(['b', '(garbage collector)', 'a', 'main'])
    expect(row('b').selfPct).toBeCloseTo((4 / 10.5) * 100, 9)
  })

  it('groups: your code and the collector, idle kept apart', () => {
    expect(groupRows(model).map((g) => [g.name, g.selfMs, g.totalMs])).toEqual([
      ['your code', 6.5, 6.5],
      ['(garbage collector)', 4, 4]
    ])
    const summary = summarizeProfile(model)
    expect(summary).toMatchObject({ samples: 6, nodes: 7, functions: 6, maxDepth: 3, idleMs: 10 })
  })

  it('the flame graph tree: merged, left-heavy, in preorder', () => {
    const t = model.tree
    const name = (i: number): string => model.strings[model.functions.name[t.function[i]]]
    const rows = Array.from({ length: t.count }, (_, i) => [name(i), t.depth[i], t.startMs[i], t.totalMs[i], t.selfMs[i], t.subtreeEnd[i]])
    expect(rows).toEqual([
      ['(root)', 0, 0, 20.5, 0, 6],
      ['(idle)', 1, 0, 10, 10, 2],
      ['main', 1, 10, 6.5, 0.5, 5],
      ['a', 2, 10, 6, 2, 5],
      ['b', 3, 10, 4, 4, 5],
      ['(garbage collector)', 1, 16.5, 4, 4, 6]
    ])
  })

  it('the flame chart: spans in time order per depth', () => {
    const chart = buildFlameChart(model)
    const name = (k: number): string => model.strings[model.functions.name[model.tree.function[chart.node[k]]]]
    const spans = Array.from({ length: chart.count }, (_, k) => [chart.depth[k], name(k), chart.startMs[k], chart.endMs[k]])
    expect(spans).toEqual([
      [0, '(root)', 0.1, 20.6],
      [1, 'main', 0.1, 6.1],
      [1, '(garbage collector)', 6.1, 10.1],
      [1, '(idle)', 10.1, 20.1],
      [1, 'main', 20.1, 20.6],
      [2, 'a', 0.1, 6.1],
      [3, 'b', 0.1, 1.1],
      [3, 'b', 3.1, 6.1]
    ])
    expect(Array.from(chart.depthStart)).toEqual([0, 1, 5, 6, 8])
  })

  it('negative deltas (a clock that stepped back) are put back in time order', () => {
    const m = modelOf(
      profileJson({
        nodes: [{ id: 1, callFrame: { functionName: '(root)' }, children: [2, 3] }, { id: 2, callFrame: app('x') }, { id: 3, callFrame: app('y', 5) }],
        startTime: 0,
        samples: [2, 3, 2],
        timeDeltas: [1000, 3000, -1000],
        endTime: 5000
      })
    )
    // Times 1, 4, 3 ms → order x@1, x@3, y@4: x lasts 2 + 1 ms, y 1 ms.
    expect(Array.from(m.samples.startMs)).toEqual([1, 3, 4])
    expect(functionRows(m).map((r) => [r.functionName, r.selfMs])).toEqual([
      ['x', 3],
      ['y', 1]
    ])
  })
})

describe('recursion', () => {
  // (root) → f → g → f → f, all samples at the deepest f (3 ms) and one at g (1 ms).
  const model = modelOf(
    profileJson({
      nodes: [
        { id: 1, callFrame: { functionName: '(root)' }, children: [2] },
        { id: 2, callFrame: app('f', 1), children: [3] },
        { id: 3, callFrame: app('g', 2), children: [4] },
        { id: 4, callFrame: app('f', 1), children: [5] },
        { id: 5, callFrame: app('f', 1) }
      ],
      startTime: 0,
      samples: [5, 5, 5, 3],
      timeDeltas: [0, 1000, 1000, 1000],
      endTime: 4000
    })
  )

  it('counts a function once per sample however often it is on the stack', () => {
    const rows = functionRows(model)
    expect(rows.find((r) => r.functionName === 'f')).toMatchObject({ selfMs: 3, totalMs: 4, totalPct: 100 })
    expect(rows.find((r) => r.functionName === 'g')).toMatchObject({ selfMs: 1, totalMs: 4 })
    expect(groupRows(model)).toMatchObject([{ name: 'your code', selfMs: 4, totalMs: 4 }])
  })

  it('the sandwich of f: callers and callees from its outermost calls', () => {
    const f = functionRows(model).find((r) => r.functionName === 'f')!.index
    const sw = sandwich(model, f)
    const describe = (tree: typeof sw.callers): unknown[] => Array.from({ length: tree.count }, (_, i) => [tree.depth[i], model.strings[model.functions.name[tree.function[i]]], tree.totalMs[i], tree.selfMs[i]])
    // f is only ever called from the root: no callers beyond itself.
    expect(describe(sw.callers)).toEqual([[0, 'f', 4, 4]])
    expect(describe(sw.callees)).toEqual([
      [0, 'f', 4, 0],
      [1, 'g', 4, 1],
      [2, 'f', 3, 0],
      [3, 'f', 3, 3]
    ])
    const g = functionRows(model).find((r) => r.functionName === 'g')!.index
    const sg = sandwich(model, g)
    expect(describe(sg.callers)).toEqual([
      [0, 'g', 4, 0],
      [1, 'f', 4, 4]
    ])
    expect(() => sandwich(model, 99)).toThrow(RangeError)
  })
})

describe('the parser', () => {
  it('takes keys in any order: samples before nodes, children before callFrame, deltas first', () => {
    const reordered = `{"timeDeltas":[100,1000,2000,3000,4000,10000],"samples":[4,5,4,6,7,2],"endTime":20600,"nodes":[
      {"children":[2,6,7],"callFrame":{"url":"","functionName":"(root)","columnNumber":-1,"lineNumber":-1,"scriptId":"0"},"id":1},
      {"hitCount":0,"children":[3,5],"id":2,"callFrame":{"columnNumber":0,"lineNumber":0,"url":"file:///app/main.js","functionName":"main","scriptId":"1"}},
      {"children":[4],"callFrame":{"functionName":"a","url":"file:///app/main.js","lineNumber":10,"columnNumber":0},"id":3},
      {"positionTicks":[{"line":21,"ticks":4}],"id":4,"callFrame":{"lineNumber":20,"columnNumber":0,"functionName":"b","url":"file:///app/main.js"}},
      {"id":5,"callFrame":{"functionName":"a","url":"file:///app/main.js","lineNumber":10,"columnNumber":0}},
      {"callFrame":{"functionName":"(garbage collector)","url":""},"id":6},
      {"id":7,"callFrame":{"functionName":"(idle)","url":""}}],"startTime":0}`
    const a = modelOf(reordered)
    const b = modelOf(handProfile())
    expect(functionRows(a).map(({ index: _i, ...r }) => r)).toEqual(functionRows(b).map(({ index: _i, ...r }) => r))
    expect(a.tree.totalMs).toEqual(b.tree.totalMs)
  })

  it('takes "parent" fields instead of children lists', () => {
    const text = `{"nodes":[{"id":1,"callFrame":{"functionName":"(root)"}},{"id":2,"parent":1,"callFrame":{"functionName":"main","url":"file:///m.js"}},{"id":3,"parent":2,"callFrame":{"functionName":"leaf","url":"file:///m.js"}}],"startTime":0,"endTime":3,"samples":[3,2],"timeDeltas":[0,1]}`
    const model = modelOf(text)
    expect(functionRows(model).map((r) => [r.functionName, r.selfMs, r.totalMs])).toEqual([
      ['main', 0.002, 0.003],
      ['leaf', 0.001, 0.001]
    ])
  })

  it('decodes escapes and UTF-8, and treats differently escaped names as one function', () => {
    const names = ['caf\\u00e9 \\"q\\" \\\\ \\/ \\t', 'café \\"q\\" \\\\ / \\u0009', 'emoji \\ud83d\\ude00 😀']
    const nodes = names.map((name, k) => `{"id":${k + 2},"callFrame":{"functionName":"${name}","url":"file:///x.js","lineNumber":1,"columnNumber":1}}`)
    const text = `{"nodes":[{"id":1,"callFrame":{"functionName":"(root)"},"children":[2,3,4]},${nodes.join(',')}],"startTime":0,"endTime":3000,"samples":[2,3,4],"timeDeltas":[0,1000,1000]}`
    const rows = functionRows(modelOf(text))
    expect(rows.map((r) => [r.functionName, r.selfMs])).toEqual([
      ['café "q" \\ / \t', 2],
      ['emoji 😀 😀', 1]
    ])
  })

  it('skips a UTF-8 byte order mark, even one cut across chunks', () => {
    const plain = bytes(handProfile())
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain])
    const expected = functionRows(buildProfileModel(parseCpuProfileBytes(plain)))
    for (const chunk of [1, 2, 5, withBom.length]) expect(functionRows(buildProfileModel(parseCpuProfileBytes(withBom, chunk)))).toEqual(expected)
  })

  it('several roots hang under one (root) of its own', () => {
    const text = `{"nodes":[{"id":1,"callFrame":{"functionName":"x","url":"file:///a.js"}},{"id":2,"callFrame":{"functionName":"y","url":"file:///a.js"}}],"startTime":0,"endTime":2000,"samples":[1,2],"timeDeltas":[0,1000]}`
    const model = modelOf(text)
    expect(model.tree.count).toBe(3)
    expect(model.strings[model.functions.name[model.tree.function[0]]]).toBe('(root)')
    expect(model.tree.totalMs[0]).toBe(2)
    expect(functionRows(model).map((r) => r.functionName)).toEqual(['x', 'y'])
  })

  it('spreads samples evenly where a profile has no time deltas', () => {
    const text = `{"nodes":[{"id":1,"callFrame":{"functionName":"(root)"},"children":[2]},{"id":2,"callFrame":{"functionName":"x","url":"file:///a.js"}}],"startTime":0,"endTime":4000,"samples":[2,2,2,2]}`
    const model = modelOf(text)
    expect(model.sampledMs).toBe(4)
    expect(Array.from(model.samples.durationMs)).toEqual([1, 1, 1, 1])
  })
})

describe('attribution', () => {
  it.each([
    ['file:///home/me/app/node_modules/express/lib/router.js', 'express'],
    ['/home/me/app/node_modules/@babel/core/lib/index.js', '@babel/core'],
    ['file:///app/node_modules/a/node_modules/@scope/b/x.js', '@scope/b'],
    ['file:///app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/lodash.js', 'lodash'],
    ['C:\\app\\node_modules\\left-pad\\index.js', 'left-pad'],
    ['file:///c:/app/node_modules/%40scope/pkg/i.js', '@scope/pkg'],
    ['file:///app/src/node_modules.js', null],
    ['file:///app/node_modules/.bin/tool', null]
  ])('%s → %s', (url, name) => {
    expect(npmPackageOf(url)).toBe(name)
  })

  it.each([
    ['(idle)', '', 0, 'idle'],
    ['(program)', '', 0, 'program'],
    ['(garbage collector)', '', 0, 'gc'],
    ['Array.prototype.sort', '', 0, 'v8'],
    ['d', '', 164, 'app'], // an anonymous script (DevTools console, eval)
    ['readFileSync', 'node:fs', 12, 'node'],
    ['processTicksAndRejections', 'internal/process/task_queues.js', 3, 'node'],
    ['Module._load', 'module.js', 4, 'node'],
    ['handler', 'file:///srv/app.js', 9, 'app'],
    ['[eval]', '[eval]', 9, 'app'],
    ['ArrayJoin', 'native array.js', 2, 'v8']
  ])('%s in %s is %s', (name, url, scriptId, category) => {
    expect(classifyFrame(name, url, scriptId).category).toBe(category)
  })
})
