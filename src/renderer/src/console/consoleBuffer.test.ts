import { describe, expect, it } from 'vitest'
import { ConsoleBuffer, indexOfSeq, mergeBySeq } from './consoleBuffer'
import { event, events } from '../testing/fixtures'

const seqs = (list: { seq: number }[]): number[] => list.map((e) => e.seq)

describe('ConsoleBuffer', () => {
  it('appends ordered batches and counts levels', () => {
    const b = new ConsoleBuffer(100)
    b.add([event(1, 'log'), event(2, 'error')])
    b.add([event(3, 'warn')])
    expect(seqs(b.events)).toEqual([1, 2, 3])
    expect(b.counts).toMatchObject({ log: 1, error: 1, warn: 1, info: 0, debug: 0 })
  })

  it('merges overlapping and older pages by seq without duplicates', () => {
    const b = new ConsoleBuffer(100)
    b.add(events(10, 15))
    expect(b.add(events(0, 12))).toBe(true)
    expect(seqs(b.events)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
    expect(b.add(events(3, 6))).toBe(false)
    expect(b.counts.log).toBe(15)
  })

  it('sorts an out-of-order batch', () => {
    const b = new ConsoleBuffer(100)
    b.add([event(3), event(1), event(2)])
    expect(seqs(b.events)).toEqual([1, 2, 3])
  })

  it('trims the oldest events past the cap and counts them', () => {
    const b = new ConsoleBuffer(5)
    b.add(events(0, 4))
    b.add(events(4, 8))
    expect(seqs(b.events)).toEqual([3, 4, 5, 6, 7])
    expect(b.trimmed).toBe(3)
    expect(b.counts.log).toBe(5)
    expect(seqs(b.filtered)).toEqual([3, 4, 5, 6, 7])
  })

  it('keeps the filtered view in step with appends, merges and trims', () => {
    const b = new ConsoleBuffer(6)
    b.setFilter({ levels: ['error'] })
    b.add([event(1, 'error'), event(2, 'log'), event(3, 'error')])
    expect(seqs(b.filtered)).toEqual([1, 3])
    b.add([event(4, 'log'), event(5, 'error'), event(6, 'log'), event(7, 'log')])
    // seq 1 was trimmed (cap 6): it leaves the filtered view too.
    expect(seqs(b.filtered)).toEqual([3, 5])
    b.add([event(0, 'error')])
    expect(seqs(b.events)).toEqual([2, 3, 4, 5, 6, 7])
    expect(seqs(b.filtered)).toEqual([3, 5])
  })

  it('filters text with the shared filter, case-insensitively, and over the location', () => {
    const b = new ConsoleBuffer(10)
    b.add([event(1, 'log', 'Hello World'), { ...event(2, 'log', 'other'), location: { functionName: '', url: 'file:///app/server.js', line: 1, column: 1 } }])
    b.setFilter({ text: 'WORLD' })
    expect(seqs(b.filtered)).toEqual([1])
    b.setFilter({ text: 'server.js' })
    expect(seqs(b.filtered)).toEqual([2])
    expect(b.setFilter({ text: 'server.js ' })).toBe(false)
  })

  it('clears everything, then accepts seqs that restart', () => {
    const b = new ConsoleBuffer(10)
    b.add(events(5, 8))
    b.clear()
    expect(b.events).toEqual([])
    b.add(events(0, 2))
    expect(seqs(b.events)).toEqual([0, 1])
  })
})

describe('ConsoleBuffer repetitions', () => {
  it('counts a folded row as its occurrences', () => {
    const b = new ConsoleBuffer(100)
    b.add([{ ...event(1, 'warn'), repeat: 5, lastTime: 1_700_000_000_900 }, event(2, 'warn')])
    expect(b.counts.warn).toBe(6)
  })

  it('applies an update for a row of the same batch or an earlier one, replacing the row', () => {
    const b = new ConsoleBuffer(100)
    b.add([event(1, 'error'), event(2, 'log')])
    const before = b.events[0]
    expect(b.applyUpdates([{ seq: 1, repeat: 3, lastTime: 1_700_000_000_500 }])).toBe(true)
    expect(b.events[0]).not.toBe(before)
    expect(before.repeat).toBeUndefined()
    expect(b.events[0]).toMatchObject({ seq: 1, repeat: 3, lastTime: 1_700_000_000_500 })
    expect(b.filtered[0]).toBe(b.events[0])
    expect(b.counts).toMatchObject({ error: 3, log: 1 })

    // Later repetitions of the same row: the count grows by the difference only.
    b.applyUpdates([{ seq: 1, repeat: 7, lastTime: 1_700_000_000_800 }])
    expect(b.counts.error).toBe(7)
    expect(b.events[0].lastTime).toBe(1_700_000_000_800)
  })

  it('replaces the row in the filtered view only where the filter shows it', () => {
    const b = new ConsoleBuffer(100)
    b.setFilter({ levels: ['log'] })
    b.add([event(1, 'error'), event(2, 'log'), event(3, 'log')])
    b.applyUpdates([
      { seq: 1, repeat: 2, lastTime: 1 },
      { seq: 3, repeat: 4, lastTime: 2 }
    ])
    expect(seqs(b.filtered)).toEqual([2, 3])
    expect(b.filtered[1]).toBe(b.events[2])
    expect(b.filtered[1].repeat).toBe(4)
    expect(b.counts).toMatchObject({ error: 2, log: 5 })
  })

  it('ignores updates for rows trimmed client-side, never loaded, or already fresher', () => {
    const b = new ConsoleBuffer(3)
    b.add(events(0, 5))
    expect(seqs(b.events)).toEqual([2, 3, 4])
    expect(b.applyUpdates([{ seq: 0, repeat: 9, lastTime: 1 }])).toBe(false)
    expect(b.applyUpdates([{ seq: 99, repeat: 9, lastTime: 1 }])).toBe(false)
    expect(b.counts.log).toBe(3)
    b.applyUpdates([{ seq: 4, repeat: 6, lastTime: 2 }])
    const row = b.events[2]
    expect(b.applyUpdates([{ seq: 4, repeat: 5, lastTime: 1 }])).toBe(false)
    expect(b.events[2]).toBe(row)
    expect(b.counts.log).toBe(8)
  })

  it('takes away all occurrences of a trimmed row from the counts', () => {
    const b = new ConsoleBuffer(2)
    b.add([event(1, 'error'), event(2, 'log')])
    b.applyUpdates([{ seq: 1, repeat: 10, lastTime: 1 }])
    b.add([event(3, 'log')])
    expect(b.counts).toMatchObject({ error: 0, log: 2 })
    expect(b.trimmed).toBe(1)
  })

  it('keeps the copy with more repetitions when a query page overlaps a live row', () => {
    const b = new ConsoleBuffer(100)
    b.add([event(5), event(6)])
    const fresher = { ...event(5), repeat: 4, lastTime: 9 }
    expect(b.add([event(4), fresher])).toBe(true)
    expect(seqs(b.events)).toEqual([4, 5, 6])
    expect(b.events[1]).toBe(fresher)
    expect(b.counts.log).toBe(6)
    // The same page again changes nothing.
    expect(b.add([event(4), { ...fresher }])).toBe(false)
  })
})

describe('mergeBySeq', () => {
  it('merges two sorted lists keeping one copy of each seq', () => {
    expect(seqs(mergeBySeq(events(0, 3), events(2, 5)))).toEqual([0, 1, 2, 3, 4])
    expect(seqs(mergeBySeq([], events(0, 2)))).toEqual([0, 1])
  })
})

describe('indexOfSeq', () => {
  it('finds a seq in an ordered list with gaps', () => {
    const list = [event(2), event(5), event(9)]
    expect(indexOfSeq(list, 5)).toBe(1)
    expect(indexOfSeq(list, 9)).toBe(2)
    expect(indexOfSeq(list, 3)).toBe(-1)
    expect(indexOfSeq([], 1)).toBe(-1)
  })
})
