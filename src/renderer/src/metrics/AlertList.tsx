import { healthMetricLabels, type MetricAlert } from '../../../shared/metricsTypes'

export interface AlertListProps {
  alerts: MetricAlert[]
  /** Now, or a recording's end. */
  now: number
  /** The alerts of a recording: one not resolved lasted to its end, not "ongoing". */
  recorded: boolean
}

const clock = (time: number): string => new Date(time).toLocaleTimeString('en-GB', { hour12: false })

function lasted(alert: MetricAlert, now: number): string {
  const seconds = Math.round(((alert.resolvedAt ?? now) - alert.since) / 1000)
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`
}

/** Metrics that stayed in warn or critical for the sustain period, newest first. */
export function AlertList({ alerts, now, recorded }: AlertListProps) {
  return (
    <section className="system-panel" data-testid="alert-list">
      <h3 className="system-panel-title">
        Alerts <span className="muted">{alerts.length === 0 ? '· none' : `· ${alerts.filter((a) => a.resolvedAt === null).length} active of ${alerts.length}`}</span>
      </h3>
      {alerts.length > 0 && (
        <table className="system-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>State</th>
              <th>Subject</th>
              <th>Metric</th>
              <th className="num">Value</th>
              <th className="num">Peak</th>
              <th className="num">Threshold</th>
              <th>Lasted</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => {
              const { label, unit } = healthMetricLabels[a.metric]
              return (
                <tr key={a.id} className={a.resolvedAt === null ? 'active' : 'resolved'} data-testid="alert-row">
                  <td>{clock(a.time)}</td>
                  <td>
                    <span className={`system-badge state-${a.state}`}>{a.state}</span>
                  </td>
                  <td>{a.subjectLabel}</td>
                  <td>{label}</td>
                  <td className="num">
                    {a.value.toFixed(1)} {unit}
                  </td>
                  <td className="num">
                    {a.peak.toFixed(1)} {unit}
                  </td>
                  <td className="num">
                    {a.threshold} {unit}
                  </td>
                  <td>{a.resolvedAt !== null ? lasted(a, now) : `${lasted(a, now)}, ${recorded ? 'to the end' : 'ongoing'}`}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
