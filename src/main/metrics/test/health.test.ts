// Health states from thresholds and alerts after a sustained period, on sequences of values.
import { describe, expect, it } from 'vitest'
import { defaultHealthThresholds } from '../../../shared/settingsTypes'
import { HealthMonitor, stateOf } from '../health'
import { RingBuffer } from '../ringBuffer'

const memory = (value: number) => ({ metric: 'hostMemoryPct' as const, subject: 'host', subjectLabel: 'host', value })

describe('health', () => {
  it('turns values into states at the default thresholds (memory: warn 85 %, critical 95 %)', () => {
    const t = defaultHealthThresholds.hostMemoryPct
    expect([50, 84.9, 85, 94.9, 95, 100].map((v) => stateOf(v, t))).toEqual(['ok', 'ok', 'warn', 'warn', 'critical', 'critical'])
    expect(stateOf(150, defaultHealthThresholds.eventLoopDelayP99Ms)).toBe('warn')
  })

  it('raises an alert only once the metric stayed out of ok for the sustain period, and resolves it when back', () => {
    const monitor = new HealthMonitor(() => ({ thresholds: defaultHealthThresholds, alertAfterMs: 3000 }))
    expect(monitor.observe(0, [memory(90)])).toEqual([])
    expect(monitor.observe(1000, [memory(70)])).toEqual([]) // a blip: back to ok before the period
    expect(monitor.observe(2000, [memory(88)])).toEqual([])
    expect(monitor.observe(4000, [memory(91)])).toEqual([])
    const [raised] = monitor.observe(5000, [memory(89)])
    expect(raised).toMatchObject({ metric: 'hostMemoryPct', state: 'warn', since: 2000, time: 5000, value: 89, peak: 91, threshold: 85, resolvedAt: null })
    expect(monitor.tiles()).toEqual([expect.objectContaining({ metric: 'hostMemoryPct', state: 'warn', value: 89, since: 2000 })])
    expect(monitor.observe(6000, [memory(80)])).toEqual([expect.objectContaining({ id: raised!.id, resolvedAt: 6000 })])
    expect(monitor.alerts()).toEqual([expect.objectContaining({ id: raised!.id, resolvedAt: 6000 })])
  })

  it('a metric that worsens to critical and stays there raises a critical alert of its own', () => {
    const monitor = new HealthMonitor(() => ({ thresholds: defaultHealthThresholds, alertAfterMs: 1000 }))
    monitor.observe(0, [memory(90)])
    expect(monitor.observe(1000, [memory(90)]).map((a) => a.state)).toEqual(['warn'])
    expect(monitor.observe(2000, [memory(97)])).toEqual([])
    const changed = monitor.observe(3000, [memory(98)])
    expect(changed.map((a) => [a.state, a.resolvedAt])).toEqual([
      ['warn', 3000],
      ['critical', null]
    ])
    expect(changed[1]).toMatchObject({ threshold: 95, since: 2000 })
    // A subject that goes away ends its alerts.
    expect(monitor.forget('host', 4000)).toEqual([expect.objectContaining({ state: 'critical', resolvedAt: 4000 })])
    expect(monitor.tiles()).toEqual([])
  })

  it('with no sustain period, alerts at once', () => {
    const monitor = new HealthMonitor(() => ({ thresholds: defaultHealthThresholds, alertAfterMs: 0 }))
    expect(monitor.observe(0, [{ metric: 'eventLoopDelayP99Ms', subject: 'target:t1', subjectLabel: 'app', value: 600 }])).toEqual([
      expect.objectContaining({ state: 'critical', threshold: 500, subjectLabel: 'app' })
    ])
  })
})

describe('ring buffer', () => {
  it('keeps the latest items, oldest first', () => {
    const ring = new RingBuffer<number>(3)
    expect(ring.toArray()).toEqual([])
    for (let i = 1; i <= 5; i++) ring.push(i)
    expect(ring.toArray()).toEqual([3, 4, 5])
    expect(ring.latest()).toBe(5)
    expect(ring.size).toBe(3)
    ring.clear()
    expect(ring.latest()).toBeUndefined()
    expect(() => new RingBuffer(0)).toThrow(RangeError)
  })
})
