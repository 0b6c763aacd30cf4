import { describe, expect, it } from 'vitest'
import { ConsoleBuffer, mergeBySeq } from './consoleBuffer'
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

describe('mergeBySeq', () => {
  it('merges two sorted lists keeping one copy of each seq', () => {
    expect(seqs(mergeBySeq(events(0, 3), events(2, 5)))).toEqual([0, 1, 2, 3, 4])
    expect(seqs(mergeBySeq([], events(0, 2)))).toEqual([0, 1])
  })
})
