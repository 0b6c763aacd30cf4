// Turns metric values into health states (ok / warn / critical) by their thresholds, and raises
// an alert when a metric stays out of ok for the sustain period: a single slow tick is no
// alert, a minute of swapping is. An alert lasts until the metric is back to ok; one that
// worsens from warn to critical and stays there raises a critical alert of its own.
import { healthMetrics, type HealthMetric, type HealthState, type HealthThresholds, type HealthTile, type MetricAlert } from '../../shared/metricsTypes'

export interface Observation {
  metric: HealthMetric
  subject: string
  subjectLabel: string
  value: number
}

export interface HealthConfig {
  thresholds: HealthThresholds
  alertAfterMs: number
}

export function stateOf(value: number, threshold: { warn: number; critical: number }): HealthState {
  if (value >= threshold.critical) return 'critical'
  if (value >= threshold.warn) return 'warn'
  return 'ok'
}

interface Tracked {
  tile: HealthTile
  /** When the metric left ok; null while ok. */
  badSince: number | null
  /** The highest value since it left ok. */
  badPeak: number
  alert: MetricAlert | null
}

/** Alerts kept for the list; the oldest resolved ones go first. */
const maxAlerts = 500

export class HealthMonitor {
  private readonly tracked = new Map<string, Tracked>()
  private readonly alertList: MetricAlert[] = []
  private nextId = 1

  constructor(private readonly config: () => HealthConfig) {}

  /** Returns the alerts raised or resolved by these observations. */
  observe(time: number, observations: readonly Observation[]): MetricAlert[] {
    const { thresholds, alertAfterMs } = this.config()
    const changed: MetricAlert[] = []
    for (const o of observations) {
      if (!Number.isFinite(o.value)) continue
      const threshold = thresholds[o.metric]
      const state = stateOf(o.value, threshold)
      const key = `${o.metric}\u0000${o.subject}`
      let entry = this.tracked.get(key)
      if (!entry) {
        entry = { tile: { metric: o.metric, subject: o.subject, subjectLabel: o.subjectLabel, value: o.value, state, threshold: 0, since: time }, badSince: null, badPeak: o.value, alert: null }
        this.tracked.set(key, entry)
      }
      const tile = entry.tile
      if (tile.state !== state) tile.since = time
      tile.state = state
      tile.value = o.value
      tile.subjectLabel = o.subjectLabel
      tile.threshold = state === 'critical' ? threshold.critical : threshold.warn
      if (state === 'ok') {
        entry.badSince = null
        if (entry.alert) changed.push(this.resolve(entry, time))
        continue
      }
      if (entry.badSince === null) {
        entry.badSince = time
        entry.badPeak = o.value
      }
      entry.badPeak = Math.max(entry.badPeak, o.value)
      const alert = entry.alert
      if (alert) alert.peak = Math.max(alert.peak, o.value)
      if (!alert && time - entry.badSince >= alertAfterMs) {
        changed.push(this.raise(entry, time, entry.badSince, state, threshold))
      } else if (alert && alert.state === 'warn' && state === 'critical' && time - tile.since >= alertAfterMs) {
        changed.push(this.resolve(entry, time))
        changed.push(this.raise(entry, time, tile.since, state, threshold))
      }
    }
    return changed
  }

  /** A subject that went away (a target detached, a GPU gone): its tiles go, its alerts end. */
  forget(subject: string, time = Date.now()): MetricAlert[] {
    const changed: MetricAlert[] = []
    for (const [key, entry] of this.tracked) {
      if (entry.tile.subject !== subject) continue
      if (entry.alert) changed.push(this.resolve(entry, time))
      this.tracked.delete(key)
    }
    return changed
  }

  tiles(): HealthTile[] {
    const order = (m: HealthMetric): number => healthMetrics.indexOf(m)
    return [...this.tracked.values()].map((e) => ({ ...e.tile })).sort((a, b) => a.subject.localeCompare(b.subject) || order(a.metric) - order(b.metric))
  }

  /** Newest first. */
  alerts(): MetricAlert[] {
    return this.alertList.map((a) => ({ ...a })).reverse()
  }

  private raise(entry: Tracked, time: number, since: number, state: Exclude<HealthState, 'ok'>, threshold: { warn: number; critical: number }): MetricAlert {
    const { tile } = entry
    const alert: MetricAlert = {
      id: this.nextId++,
      time,
      since,
      metric: tile.metric,
      subject: tile.subject,
      subjectLabel: tile.subjectLabel,
      state,
      value: tile.value,
      peak: Math.max(entry.badPeak, tile.value),
      threshold: state === 'critical' ? threshold.critical : threshold.warn,
      resolvedAt: null
    }
    entry.alert = alert
    this.alertList.push(alert)
    if (this.alertList.length > maxAlerts) {
      const oldestResolved = this.alertList.findIndex((a) => a.resolvedAt !== null)
      this.alertList.splice(oldestResolved === -1 ? 0 : oldestResolved, 1)
    }
    return { ...alert }
  }

  private resolve(entry: Tracked, time: number): MetricAlert {
    const alert = entry.alert!
    alert.resolvedAt = time
    entry.alert = null
    return { ...alert }
  }
}
