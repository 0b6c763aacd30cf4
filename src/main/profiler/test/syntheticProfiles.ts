// Profiles built by hand, for the edge cases real captures do not hit: exact known times,
// bad input, and 100k-deep recursion. Written as JSON text directly (JSON.stringify of a
// 100k-deep nested object would itself overflow the stack).

export interface FrameSpec {
  functionName: string
  url?: string
  lineNumber?: number
  columnNumber?: number
  scriptId?: string
}

export interface NodeSpec {
  id: number
  callFrame: FrameSpec
  children?: number[]
  parent?: number
  hitCount?: number
}

export interface ProfileSpec {
  nodes: NodeSpec[]
  samples: number[]
  timeDeltas: number[]
  startTime?: number
  endTime?: number
}

/** A profile in the current format, with defaults filled in the way V8 writes them. */
export function profileJson(spec: ProfileSpec): string {
  const startTime = spec.startTime ?? 1_000_000
  const endTime = spec.endTime ?? startTime + spec.timeDeltas.reduce((a, b) => a + b, 0)
  return JSON.stringify({
    nodes: spec.nodes.map((n) => ({
      id: n.id,
      callFrame: { functionName: n.callFrame.functionName, scriptId: n.callFrame.scriptId ?? (n.callFrame.url ? '1' : '0'), url: n.callFrame.url ?? '', lineNumber: n.callFrame.lineNumber ?? -1, columnNumber: n.callFrame.columnNumber ?? -1 },
      hitCount: n.hitCount ?? 0,
      ...(n.children ? { children: n.children } : {}),
      ...(n.parent !== undefined ? { parent: n.parent } : {})
    })),
    startTime,
    endTime,
    samples: spec.samples,
    timeDeltas: spec.timeDeltas
  })
}

/**
 * `(root)` → main → recurse × depth, one sample at the deepest frame and one in main, each 1 ms:
 * the "recurse" function is on the stack for 1 ms however deep it goes.
 */
export function deepRecursionProfile(depth: number): string {
  const parts: string[] = ['{"nodes":[', '{"id":1,"callFrame":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1},"children":[2]}']
  parts.push(',{"id":2,"callFrame":{"functionName":"main","scriptId":"1","url":"file:///app/main.js","lineNumber":0,"columnNumber":0},"children":[3]}')
  for (let k = 0; k < depth; k++) {
    const id = 3 + k
    const children = k + 1 < depth ? `,"children":[${id + 1}]` : ''
    parts.push(`,{"id":${id},"callFrame":{"functionName":"recurse","scriptId":"1","url":"file:///app/main.js","lineNumber":9,"columnNumber":17}${children}}`)
  }
  parts.push(`],"startTime":0,"endTime":2000,"samples":[${2 + depth},2],"timeDeltas":[0,1000]}`)
  return parts.join('')
}

/** The same recursion in the legacy `head` shape: the tree nested in the JSON itself, depth + 2 objects deep. */
export function deepRecursionLegacyProfile(depth: number): string {
  const open: string[] = ['{"typeId":"CPU","uid":"1","title":"deep","head":{"functionName":"(root)","url":"","lineNumber":0,"id":1,"scriptId":0,"hitCount":0,"children":[']
  open.push('{"functionName":"main","url":"/app/main.js","lineNumber":1,"id":2,"scriptId":1,"hitCount":1,"children":[')
  for (let k = 0; k < depth; k++) open.push(`{"functionName":"recurse","url":"/app/main.js","lineNumber":10,"id":${3 + k},"scriptId":1,"hitCount":${k + 1 === depth ? 1 : 0},"children":[`)
  const close = ']}'.repeat(depth + 2)
  return `${open.join('')}${close},"startTime":1,"endTime":2,"samples":[${2 + depth},2],"timestamps":[1000000,1001000]}`
}

/**
 * A big, bushy profile of `nodeCount` nodes (about 170 bytes each): functions spread over app
 * files and npm packages, each node a child of an earlier one, samples spread over the nodes
 * with irregular deltas. Deterministic (a fixed LCG), for the paths that only big files take.
 */
export function bushyProfile(nodeCount: number, sampleCount: number): string {
  let seed = 12345
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed % n
  }
  const urls = Array.from({ length: 40 }, (_, k) =>
    k % 4 === 0 ? `file:///srv/app/node_modules/${k % 8 === 0 ? `@scope/pkg${k}` : `pkg${k}`}/lib/module${k}.js` : `file:///srv/app/src/feature${k}/module${k}.js`
  )
  const children: number[][] = Array.from({ length: nodeCount + 1 }, () => [])
  for (let id = 2; id <= nodeCount; id++) children[Math.max(1, id - 1 - random(Math.min(id - 1, 50)))].push(id)
  const parts: string[] = ['{"nodes":[']
  for (let id = 1; id <= nodeCount; id++) {
    const fn = id === 1 ? '(root)' : `fn${random(3000)}`
    const url = id === 1 ? '' : urls[random(urls.length)]
    const kids = children[id].length > 0 ? `,"children":[${children[id].join(',')}]` : ''
    parts.push(`${id === 1 ? '' : ','}{"id":${id},"callFrame":{"functionName":"${fn}","scriptId":"${id === 1 ? 0 : 10 + (id % 40)}","url":"${url}","lineNumber":${id % 500},"columnNumber":${id % 80}},"hitCount":0${kids}}`)
  }
  const samples = Array.from({ length: sampleCount }, () => 2 + random(nodeCount - 1))
  const deltas = Array.from({ length: sampleCount }, () => 40 + random(30))
  const end = 1_000_000 + deltas.reduce((a, b) => a + b, 0) + 50
  parts.push(`],"startTime":1000000,"endTime":${end},"samples":[${samples.join(',')}],"timeDeltas":[${deltas.join(',')}]}`)
  return parts.join('')
}
