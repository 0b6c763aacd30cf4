import type { ProfileCaptureStatus } from '../../../shared/profilerApi'
import type { CaptureOptions } from './profilerFacts'

export interface CaptureControlsProps {
  status: ProfileCaptureStatus | undefined
  options: CaptureOptions
  pending: 'start' | 'stop' | undefined
  now: number
  onOptions(patch: Partial<CaptureOptions>): void
  onStart(): void
  onStop(): void
}

const intervals: Array<{ us: number | null; label: string }> = [
  { us: null, label: 'default' },
  { us: 100, label: '100 µs' },
  { us: 250, label: '250 µs' },
  { us: 500, label: '500 µs' },
  { us: 1000, label: '1 ms' },
  { us: 5000, label: '5 ms' },
  { us: 10_000, label: '10 ms' }
]

type StopChoice = 'request' | 'breakpoint' | `${number}`
const stops: Array<{ id: StopChoice; label: string }> = [
  { id: 'request', label: 'when I press Stop' },
  { id: '5000', label: 'after 5 s' },
  { id: '10000', label: 'after 10 s' },
  { id: '30000', label: 'after 30 s' },
  { id: '60000', label: 'after 60 s' },
  { id: 'breakpoint', label: 'at the next breakpoint' }
]

const stopChoiceOf = (o: CaptureOptions): StopChoice => (o.untilBreakpoint ? 'breakpoint' : o.durationMs !== null ? `${o.durationMs}` : 'request')

function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** Start and stop a CPU profile of the target shown, and how: sampling interval, when it stops, call counts. */
export function CaptureControls({ status, options, pending, now, onOptions, onStart, onStop }: CaptureControlsProps) {
  const running = status?.running === true
  return (
    <div className={running ? 'capture running' : 'capture'} data-testid="capture-controls" data-running={running}>
      <div className="capture-row">
        {running ? (
          <button type="button" className="btn primary capture-btn stop" onClick={onStop} disabled={pending !== undefined} data-testid="capture-stop">
            <span className="rec-dot" /> Stop
          </button>
        ) : (
          <button type="button" className="btn primary capture-btn" onClick={onStart} disabled={pending !== undefined || status === undefined} data-testid="capture-start">
            Start profiling
          </button>
        )}
        <span className="capture-state" data-testid="capture-state">
          {pending === 'stop'
            ? 'Stopping…'
            : pending === 'start'
              ? 'Starting…'
              : running
                ? `Recording ${elapsed(now - (status?.startedAt ?? now))}${status?.stopsOn === 'duration' && status.stopsAt ? ` · stops in ${elapsed(status.stopsAt - now)}` : status?.stopsOn === 'breakpoint' ? ' · until the next pause' : ''}`
                : ''}
        </span>
      </div>
      <label className="capture-field">
        <span>Sampling</span>
        <select
          className="input"
          value={options.intervalUs === null ? '' : String(options.intervalUs)}
          disabled={running}
          onChange={(e) => onOptions({ intervalUs: e.target.value === '' ? null : Number(e.target.value) })}
          data-testid="capture-interval"
        >
          {intervals.map((i) => (
            <option key={i.label} value={i.us === null ? '' : String(i.us)}>
              {i.label}
            </option>
          ))}
        </select>
      </label>
      <label className="capture-field">
        <span>Stop</span>
        <select
          className="input"
          value={stopChoiceOf(options)}
          disabled={running}
          onChange={(e) => {
            const v = e.target.value as StopChoice
            onOptions(v === 'request' ? { durationMs: null, untilBreakpoint: false } : v === 'breakpoint' ? { durationMs: null, untilBreakpoint: true } : { durationMs: Number(v), untilBreakpoint: false })
          }}
          data-testid="capture-stop-on"
        >
          {stops.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label className="capture-check" title="Counts every call exactly (precise coverage); slows the target a little more">
        <input type="checkbox" checked={options.callCounts} disabled={running} onChange={(e) => onOptions({ callCounts: e.target.checked })} data-testid="capture-call-counts" />
        Exact call counts
      </label>
    </div>
  )
}
