import { describe, expect, it } from 'vitest'
import type { HeapSamplingProfile } from '../../../shared/heapApi'
import { allocationBars } from './allocationLayout'

/** root(100) → a(60) → a1(60); root → b(39); root → tiny(1) */
const profile: HeapSamplingProfile = {
  targetId: 't',
  startedAt: 0,
  stoppedAt: 1,
  intervalBytes: 1024,
  count: 5,
  parent: [-1, 0, 1, 0, 0],
  depth: [0, 1, 2, 1, 1],
  functionName: ['(root)', 'a', 'a1', 'b', 'tiny'],
  url: ['', '', '', '', ''],
  line: [0, 1, 2, 3, 4],
  selfBytes: [0, 0, 60, 39, 1],
  totalBytes: [100, 60, 60, 39, 1],
  topSites: [2, 3, 4]
}

describe('allocationBars', () => {
  it('places each site under its caller, as wide as what it holds, leaving out the narrowest', () => {
    const bars = allocationBars(profile, 0.02)
    expect(bars.map((b) => [profile.functionName[b.node], b.depth, +b.x.toFixed(2), +b.width.toFixed(2)])).toEqual([
      ['(root)', 0, 0, 1],
      ['a', 1, 0, 0.6],
      ['a1', 2, 0, 0.6],
      ['b', 1, 0.6, 0.39]
    ])
    expect(allocationBars(profile, 0).map((b) => b.node)).toContain(4)
    expect(allocationBars({ ...profile, count: 0, totalBytes: [] })).toEqual([])
  })
})
