// Big synthetic .cpuprofiles for the frame-time bench, written as a stream (never one string)
// and cached under os.tmpdir() between runs. Two shapes over 20,000 function names in 60 app and
// npm files, with irregular sample deltas:
// - 'random', the way profile.bench.ts generates its synthetic ones: a random recursive tree
//   (stacks about ln(n) deep, as in real profiles), samples on random nodes;
// - 'stacks', the worst case for level of detail: `nodeCount / depth` stacks `depth` frames
//   deep, each sampled for an equal stretch of time, so that every frame of the profile (and
//   every span of the flame chart) is a pixel or two wide at once and the engine can leave
//   none out.
import { createWriteStream, existsSync, renameSync } from 'node:fs'
import { once } from 'node:events'

export type ProfileShape = { kind: 'random' } | { kind: 'stacks'; depth: number }

export async function bigCpuProfile(file: string, nodeCount: number, sampleCount: number, shape: ProfileShape = { kind: 'random' }): Promise<string> {
  if (existsSync(file)) return file
  const partial = `${file}.partial`
  const out = createWriteStream(partial)
  let seed = 4242
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed % n
  }
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain')
  }
  const urls = Array.from({ length: 60 }, (_, k) => (k % 3 === 0 ? `file:///srv/app/node_modules/${k % 2 ? `@scope/pkg${k}` : `pkg${k}`}/lib/module${k}.js` : `file:///srv/app/src/feature${k}/module${k}.js`))
  const parent = new Int32Array(nodeCount + 1)
  const childCount = new Int32Array(nodeCount + 2)
  const depth = shape.kind === 'stacks' ? shape.depth : 0
  const stacks = shape.kind === 'stacks' ? Math.floor((nodeCount - 1) / depth) : 0
  // A stack's frames are ids 2 + s·depth … 2 + s·depth + depth − 1, each the child of the one before.
  for (let id = 2; id <= nodeCount; id++) childCount[(parent[id] = shape.kind === 'stacks' ? ((id - 2) % depth === 0 || id - 2 >= stacks * depth ? 1 : id - 1) : 1 + random(id - 1))]++
  const firstChild = new Int32Array(nodeCount + 2)
  for (let id = 1; id <= nodeCount; id++) firstChild[id + 1] = firstChild[id] + childCount[id]
  const children = new Int32Array(nodeCount)
  const fill = firstChild.slice()
  for (let id = 2; id <= nodeCount; id++) children[fill[parent[id]]++] = id
  await write('{"nodes":[')
  let batch = ''
  for (let id = 1; id <= nodeCount; id++) {
    const kids = childCount[id] > 0 ? `,"children":[${Array.from(children.subarray(firstChild[id], firstChild[id + 1])).join(',')}]` : ''
    const frame =
      id === 1
        ? '"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1'
        : `"functionName":"${shape.kind === 'stacks' && (id - 2) % depth === 0 ? `entry${(id - 2) / depth}` : `fn${random(20000)}`}","scriptId":"${10 + (id % 60)}","url":"${urls[random(urls.length)]}","lineNumber":${id % 900},"columnNumber":${id % 80}`
    batch += `${id === 1 ? '' : ','}{"id":${id},"callFrame":{${frame}},"hitCount":0${kids}}`
    if (batch.length > 1 << 20) {
      await write(batch)
      batch = ''
    }
  }
  await write(`${batch}],"startTime":1000000,"endTime":`)
  let end = 1_000_000
  const deltas: string[] = []
  const samples: string[] = []
  for (let k = 0; k < sampleCount; k++) {
    const d = 40 + random(30)
    end += d
    deltas.push(String(d))
    samples.push(String(shape.kind === 'stacks' ? 2 + Math.floor((k * stacks) / sampleCount) * depth + depth - 1 : 2 + random(nodeCount - 1)))
  }
  await write(`${end + 50},"samples":[`)
  for (let k = 0; k < sampleCount; k += 100_000) await write((k ? ',' : '') + samples.slice(k, k + 100_000).join(','))
  await write('],"timeDeltas":[')
  for (let k = 0; k < sampleCount; k += 100_000) await write((k ? ',' : '') + deltas.slice(k, k + 100_000).join(','))
  await write(']}')
  out.end()
  await once(out, 'finish')
  renameSync(partial, file)
  return file
}
