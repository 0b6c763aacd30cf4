import { describe, expect, it } from 'vitest'
import { formatRate, formatSignedCount, progressOf } from './memoryFormat'

describe('memory formats', () => {
  it('writes counts and growth rates with a sign', () => {
    expect(formatSignedCount(1234)).toBe('+1,234')
    expect(formatSignedCount(-5)).toBe('−5')
    expect(formatSignedCount(0)).toBe('0')
    expect(formatRate(1024)).toBe('+60 KiB/min')
    expect(formatRate(-25.6)).toBe('−1.5 KiB/min')
  })

  it('labels progress, determinate only when the total is known', () => {
    expect(progressOf({ snapshotId: 'a', phase: 'snapshotting', done: 25, total: 100 })).toEqual({ label: 'Walking the heap…', fraction: 0.25 })
    expect(progressOf({ snapshotId: 'a', phase: 'writing', done: 2048, total: 0 })).toEqual({ label: 'Writing the snapshot… 2 KiB', fraction: null })
    expect(progressOf(undefined).fraction).toBeNull()
  })
})
