// The time-ordered flame chart: sample stacks turned into spans. Walking the samples in time
// order, a frame that stays on the stack from one sample to the next extends its span; frames
// that leave are closed. Each step touches only the frames that change (found through the
// merged tree's parent links and depths), so the work is linear in the output.
import type { ProfileFlameChartColumns } from '../../shared/profileTypes'
import { Int32Builder } from './growableArrays'
import type { ProfileModel } from './profileModel'

export function buildFlameChart(model: ProfileModel): ProfileFlameChartColumns {
  const { tree, samples } = model
  const n = samples.count
  const openNode = new Int32Array(model.maxDepth + 1)
  const openStart = new Int32Array(model.maxDepth + 1)
  const path = new Int32Array(model.maxDepth + 1)
  let open = 0
  const spanNode = new Int32Builder(n)
  const spanFrom = new Int32Builder(n)
  const spanTo = new Int32Builder(n)
  const close = (keep: number, at: number): void => {
    while (open > keep) {
      open--
      spanNode.push(openNode[open])
      spanFrom.push(openStart[open])
      spanTo.push(at)
    }
  }
  for (let s = 0; s < n; s++) {
    // Climb from the sample's leaf until a frame that is already open at its depth.
    let length = 0
    let x = samples.node[s]
    while (x !== -1 && !(tree.depth[x] < open && openNode[tree.depth[x]] === x)) {
      path[length++] = x
      x = tree.parent[x]
    }
    close(x === -1 ? 0 : tree.depth[x] + 1, s)
    while (length > 0) {
      openNode[open] = path[--length]
      openStart[open] = s
      open++
    }
  }
  close(0, n)

  // Group by depth (stable, so each depth stays in time order) and turn sample indices into ms.
  const count = spanNode.length
  const depthStart = new Int32Array(model.maxDepth + 2)
  for (let k = 0; k < count; k++) depthStart[tree.depth[spanNode.data[k]] + 1]++
  for (let d = 0; d <= model.maxDepth; d++) depthStart[d + 1] += depthStart[d]
  const fill = depthStart.slice(0, model.maxDepth + 1)
  const edgeMs = (sample: number): number => (sample < n ? samples.startMs[sample] : samples.startMs[n - 1] + samples.durationMs[n - 1])
  const chart: ProfileFlameChartColumns = {
    count,
    node: new Int32Array(count),
    depth: new Int32Array(count),
    startMs: new Float64Array(count),
    endMs: new Float64Array(count),
    depthStart
  }
  for (let k = 0; k < count; k++) {
    const node = spanNode.data[k]
    const depth = tree.depth[node]
    const at = fill[depth]++
    chart.node[at] = node
    chart.depth[at] = depth
    chart.startMs[at] = edgeMs(spanFrom.data[k])
    chart.endMs[at] = edgeMs(spanTo.data[k])
  }
  return chart
}
