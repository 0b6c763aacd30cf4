import type { DebuggerHistoryEntry, PauseReason } from '../../../shared/debuggerTypes'
import { basename, formatTime } from '../console/format'

export interface RecordedStopsProps {
  entries: readonly DebuggerHistoryEntry[] | null
  error: string | null
  /** The entry whose place is shown (by index), if any. */
  selected: number | null
  onOpen(index: number, entry: DebuggerHistoryEntry): void
}

const reasonLabels: Record<PauseReason, string> = {
  breakpoint: 'breakpoint',
  step: 'step',
  exception: 'exception',
  promiseRejection: 'rejection',
  debuggerStatement: 'debugger;',
  pause: 'paused',
  other: 'paused'
}

/** Where a recorded target stopped and what its logpoints printed, in the order it happened; a click shows the place. */
export function RecordedStops({ entries, error, selected, onOpen }: RecordedStopsProps) {
  if (error) return <div className="debug-none prop-error" data-testid="recorded-stops-error">Could not read the recording: {error}</div>
  if (entries === null) return <div className="debug-none muted">Loading…</div>
  if (entries.length === 0) return <div className="debug-none muted">It never stopped and no logpoint printed while recording.</div>
  return (
    <ol className="recorded-stops" data-testid="recorded-stops">
      {entries.map((entry, i) => {
        const place = entry.location ? `${basename(entry.location.url)}:${entry.location.line}` : 'unknown place'
        return (
          <li key={i}>
            <button
              type="button"
              className={['recorded-stop', `kind-${entry.kind}`, i === selected ? 'selected' : ''].filter(Boolean).join(' ')}
              title={entry.kind === 'pause' ? entry.description : entry.text}
              disabled={!entry.location}
              onClick={() => onOpen(i, entry)}
              data-testid="recorded-stop"
              data-kind={entry.kind}
              data-line={entry.location?.line}
            >
              <span className="recorded-stop-time">{formatTime(entry.time)}</span>
              <span className={`recorded-stop-reason reason-${entry.kind === 'pause' ? entry.reason : 'logpoint'}`}>{entry.kind === 'pause' ? reasonLabels[entry.reason] : 'log'}</span>
              <span className="recorded-stop-place">{place}</span>
              <span className="recorded-stop-what">
                {entry.kind === 'pause' ? (entry.functionName === null ? '' : entry.functionName || '(anonymous)') : entry.text}
              </span>
            </button>
          </li>
        )
      })}
    </ol>
  )
}
