// The allocation flame graph's layout: each allocation site of a sampling heap profile as a bar
// as wide as the bytes it (and its callees) still hold, under its caller. Bars narrower than
// `minFraction` of the whole are left out (with their subtrees), so the DOM stays small.
import type { HeapSamplingProfile } from '../../../shared/heapApi'

export interface AllocationBar {
  /** Node index in the profile's columns. */
  node: number
  depth: number
  /** Start and width as fractions of the root's total. */
  x: number
  width: number
}

export function allocationBars(profile: HeapSamplingProfile, minFraction = 0.004, maxDepth = 40): AllocationBar[] {
  const total = profile.totalBytes[0] ?? 0
  if (profile.count === 0 || total <= 0) return []
  const bars: AllocationBar[] = []
  // Next free x under each node (children come right after their parent, largest first).
  const nextX = new Float64Array(profile.count)
  const kept = new Uint8Array(profile.count)
  for (let i = 0; i < profile.count; i++) {
    const parent = profile.parent[i]
    const width = profile.totalBytes[i] / total
    let x = 0
    if (parent >= 0) {
      x = nextX[parent]
      nextX[parent] += width
      if (!kept[parent]) continue
    }
    nextX[i] = x
    if (width < minFraction || profile.depth[i] > maxDepth) continue
    kept[i] = 1
    bars.push({ node: i, depth: profile.depth[i], x, width })
  }
  return bars
}
