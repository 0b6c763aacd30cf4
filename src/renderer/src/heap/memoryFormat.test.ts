import { describe, expect, it } from 'vitest'
import { formatBytes, formatRate, formatSignedBytes, formatSignedCount, progressOf } from './memoryFormat'

describe('memory formats', () => {
  it('writes sizes with a unit and a sign where asked', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB')
    expect(formatSignedBytes(-2048)).toBe('−2.0 KB')
    expect(formatSignedBytes(0)).toBe('0 B')
    expect(formatSignedCount(1234)).toBe('+1,234')
    expect(formatRate(1024)).toBe('+60.0 KB/min')
  })

  it('labels progress, determinate only when the total is known', () => {
    expect(progressOf({ snapshotId: 'a', phase: 'snapshotting', done: 25, total: 100 })).toEqual({ label: 'Walking the heap…', fraction: 0.25 })
    expect(progressOf({ snapshotId: 'a', phase: 'writing', done: 2048, total: 0 })).toEqual({ label: 'Writing the snapshot… 2.0 KB', fraction: null })
    expect(progressOf(undefined).fraction).toBeNull()
  })
})
