import { describe, expect, it } from 'vitest'
import { EventStore, estimateSize, type NewConsoleEvent } from './eventStore'

const event = (text: string, level: NewConsoleEvent['level'] = 'log'): NewConsoleEvent => ({ time: 1, level, source: 'console', text })

describe('EventStore', () => {
  it('evicts the oldest events to stay within its byte budget and counts every drop', () => {
    const one = estimateSize({ ...event('x'.repeat(100)), seq: 1, targetId: 't' })
    const store = new EventStore('t', { budgetBytes: () => one * 10 })
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
    const store = new EventStore('t', { budgetBytes: () => 1 << 30 })
    for (let i = 0; i < 100; i++) store.add(event(`message ${i}`, i % 10 === 0 ? 'error' : 'log'))
    expect(store.query({ levels: ['error'] }, 0, 3)).toMatchObject({ total: 10, events: [{ text: 'message 0' }, { text: 'message 10' }, { text: 'message 20' }] })
    expect(store.query({ text: 'MESSAGE 9' }, 0, 100).total).toBe(11)
    expect(store.query({ levels: ['error'], text: '5' }, 0, 100).events.map((e) => e.text)).toEqual(['message 50'])
    expect(store.query({}, 95, 10).events.map((e) => e.text)).toEqual(['message 95', 'message 96', 'message 97', 'message 98', 'message 99'])
  })

  it('stays correct across many compactions', () => {
    const store = new EventStore('t', { budgetBytes: () => 200_000 })
    for (let i = 0; i < 50_000; i++) store.add(event(`line ${i}`))
    const { events, total } = store.query({}, 0, 1_000_000)
    expect(total).toBe(store.stats().stored)
    expect(events.at(-1)?.text).toBe('line 49999')
    expect(events[0].seq).toBe(50_000 - total + 1)
    expect(store.stats().dropped).toBe(50_000 - total)
  })

  it('folds consecutive duplicates into one row with a count, and keeps every occurrence for listeners', () => {
    const store = new EventStore('t', { budgetBytes: () => 1 << 30 })
    const results = [event('same'), event('same'), event('same'), event('other'), event('same'), { ...event('same'), level: 'warn' as const }].map((e, i) => store.add({ ...e, time: i }))
    expect(results.map((r) => r.kind)).toEqual(['added', 'repeated', 'repeated', 'added', 'added', 'added'])
    const rows = store.query({}, 0, 10).events
    expect(rows.map((r) => `${r.text}×${r.repeat ?? 1}@${r.time}-${r.lastTime ?? r.time}`)).toEqual(['same×3@0-2', 'other×1@3-3', 'same×1@4-4', 'same×1@5-5'])
    // Each occurrence has its own seq; rows keep the first one.
    expect(results.map((r) => (r.kind === 'sampled' ? 0 : r.event.seq))).toEqual([1, 2, 3, 4, 5, 6])
    expect(rows.map((r) => r.seq)).toEqual([1, 4, 5, 6])
    expect(store.stats()).toMatchObject({ received: 6, stored: 4, collapsed: 2 })
    // A row handed out earlier is not changed behind the receiver's back.
    const first = results[0].kind === 'added' ? results[0].event : null
    expect(first?.repeat).toBeUndefined()
  })

  it('cuts texts over 500 characters and stacks over 20 frames, and marks the cut', () => {
    const store = new EventStore('t', { budgetBytes: () => 1 << 30 })
    const frames = Array.from({ length: 35 }, (_, i) => ({ functionName: `f${i}`, url: 'file:///a.js', line: i + 1, column: 1 }))
    store.add({ ...event('x'.repeat(1200)), stack: frames, args: [{ type: 'string', text: 'y'.repeat(800) }] })
    store.add(event('short'))
    const [long, short] = store.query({}, 0, 10).events
    expect(long.text).toHaveLength(501)
    expect(long.text.endsWith('…')).toBe(true)
    expect(long.args?.[0].text).toHaveLength(501)
    expect(long.stack).toHaveLength(20)
    expect(long.trimmed).toEqual({ text: 1200, stack: 35 })
    expect(short.trimmed).toBeUndefined()
  })

  it('samples levels evenly and deterministically, counting what it leaves out', () => {
    const store = new EventStore('t', { budgetBytes: () => 1 << 30, sampling: () => ({ debug: 0.1, log: 0.5, info: 0, warn: 1, error: 1 }) })
    for (let i = 0; i < 100; i++) {
      store.add(event(`d${i}`, 'debug'))
      store.add(event(`l${i}`, 'log'))
      store.add(event(`i${i}`, 'info'))
      store.add(event(`e${i}`, 'error'))
    }
    const byLevel = (level: string) => store.query({}, 0, 1000).events.filter((e) => e.level === level).length
    expect([byLevel('debug'), byLevel('log'), byLevel('info'), byLevel('error')]).toEqual([10, 50, 0, 100])
    expect(store.stats()).toMatchObject({ received: 400, sampledOut: 240, stored: 160 })
    expect(store.query({ levels: ['debug'] }, 0, 3).events.map((e) => e.text)).toEqual(['d9', 'd19', 'd29'])
  })

  it('reports the length a string had before capture clipped it', () => {
    const store = new EventStore('t', { budgetBytes: () => 1 << 30 })
    store.add(event(`${'x'.repeat(10_000)}… (2351 more characters)`))
    expect(store.query({}, 0, 1).events[0].trimmed).toEqual({ text: 12_351 })
  })
})
