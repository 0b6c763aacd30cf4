// The sampling heap profiler (HeapProfiler.startSampling): V8 records the stack of about one
// allocation every `intervalBytes` and, on stop, reports the tree of allocation sites with the
// bytes still live from each. Flattened here into preorder columns for an allocation flame graph.
import type { Protocol } from 'devtools-protocol'
import type { HeapSamplingProfile } from '../../shared/heapApi'
import { UserError } from '../../shared/userError'
import type { CdpClient } from '../targets'

export const defaultSamplingIntervalBytes = 32 * 1024

export async function startHeapSampling(cdp: CdpClient, intervalBytes = defaultSamplingIntervalBytes): Promise<void> {
  try {
    await cdp.send('HeapProfiler.enable')
    // Objects collected by a GC are kept out: what is shown is what is still live when sampling stops.
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: intervalBytes })
  } catch (error) {
    throw new UserError('TARGET_EXITED', `heap sampling could not start: ${(error as Error).message.split('\n')[0]}`)
  }
}

export async function stopHeapSampling(cdp: CdpClient): Promise<Protocol.HeapProfiler.SamplingHeapProfile> {
  try {
    const { profile } = await cdp.send('HeapProfiler.stopSampling')
    return profile
  } catch (error) {
    throw new UserError('TARGET_EXITED', `the heap sampling profile could not be collected: ${(error as Error).message.split('\n')[0]}`)
  }
}

/** Allocation sites listed in `topSites`. */
const topSiteCount = 100

/** The profile as preorder columns, children by total bytes descending (so a flame graph is left-heavy). */
export function samplingProfileColumns(
  profile: Protocol.HeapProfiler.SamplingHeapProfile,
  meta: { targetId: string; startedAt: number; stoppedAt: number; intervalBytes: number }
): HeapSamplingProfile {
  const out: HeapSamplingProfile = { ...meta, count: 0, parent: [], depth: [], functionName: [], url: [], line: [], selfBytes: [], totalBytes: [], topSites: [] }
  const totals = new Map<Protocol.HeapProfiler.SamplingHeapProfileNode, number>()
  // Totals bottom-up, without recursion: profiles can be deeper than the stack allows.
  const order: Protocol.HeapProfiler.SamplingHeapProfileNode[] = []
  const pending = [profile.head]
  while (pending.length > 0) {
    const node = pending.pop()!
    order.push(node)
    for (const child of node.children) pending.push(child)
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]
    let total = node.selfSize
    for (const child of node.children) total += totals.get(child) ?? 0
    totals.set(node, total)
  }
  const stack: Array<{ node: Protocol.HeapProfiler.SamplingHeapProfileNode; parent: number; depth: number }> = [{ node: profile.head, parent: -1, depth: 0 }]
  while (stack.length > 0) {
    const { node, parent, depth } = stack.pop()!
    const index = out.count++
    out.parent.push(parent)
    out.depth.push(depth)
    const frame = node.callFrame
    out.functionName.push(index === 0 ? '(root)' : frame.functionName || '(anonymous)')
    out.url.push(frame.url)
    out.line.push(frame.lineNumber >= 0 ? frame.lineNumber + 1 : 0)
    out.selfBytes.push(node.selfSize)
    out.totalBytes.push(totals.get(node) ?? 0)
    // Pushed smallest first, so that the largest child is visited (and placed) first.
    const children = [...node.children].sort((a, b) => (totals.get(a) ?? 0) - (totals.get(b) ?? 0))
    for (const child of children) stack.push({ node: child, parent: index, depth: depth + 1 })
  }
  out.topSites = out.selfBytes
    .map((bytes, i) => ({ bytes, i }))
    .filter((s) => s.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, topSiteCount)
    .map((s) => s.i)
  return out
}
