import { describe, expect, it } from 'vitest'
import { EventStore, estimateSize, type NewConsoleEvent } from './eventStore'

const event = (text: string, level: NewConsoleEvent['level'] = 'log'): NewConsoleEvent => ({ time: 1, level, source: 'console', text })

describe('EventStore', () => {
  it('evicts the oldest events to stay within its byte budget and counts every drop', () => {
    const one = estimateSize({ ...event('x'.repeat(100)), seq: 1, targetId: 't' })
    const store = new EventStore('t', () => one * 10)
    for (let i = 0; i < 25; i++) store.add(event(`${i}`.padStart(100, 'x')))
    const stats = store.stats()
    expect(stats.received).toBe(25)
    expect(stats.stored + stats.dropped).toBe(25)
    expect(stats.stored).toBe(10)
    expect(stats.storedBytes).toBeLessThanOrEqual(one * 10)
    const { events } = store.query({}, 0, 100)
    expect(events.map((e) => e.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25])
  })

  it('queries by level and text with offset and limit', () => {
    const store = new EventStore('t', () => 1 << 30)
    for (let i = 0; i < 100; i++) store.add(event(`message ${i}`, i % 10 === 0 ? 'error' : 'log'))
    expect(store.query({ levels: ['error'] }, 0, 3)).toMatchObject({ total: 10, events: [{ text: 'message 0' }, { text: 'message 10' }, { text: 'message 20' }] })
    expect(store.query({ text: 'MESSAGE 9' }, 0, 100).total).toBe(11)
    expect(store.query({ levels: ['error'], text: '5' }, 0, 100).events.map((e) => e.text)).toEqual(['message 50'])
    expect(store.query({}, 95, 10).events.map((e) => e.text)).toEqual(['message 95', 'message 96', 'message 97', 'message 98', 'message 99'])
  })

  it('stays correct across many compactions', () => {
    const store = new EventStore('t', () => 200_000)
    for (let i = 0; i < 50_000; i++) store.add(event(`line ${i}`))
    const { events, total } = store.query({}, 0, 1_000_000)
    expect(total).toBe(store.stats().stored)
    expect(events.at(-1)?.text).toBe('line 49999')
    expect(events[0].seq).toBe(50_000 - total + 1)
    expect(store.stats().dropped).toBe(50_000 - total)
  })
})
