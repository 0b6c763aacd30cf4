import type { SessionInfo } from '../../../shared/sessionTypes'
import type { TargetInfo } from '../../../shared/targetTypes'
import type { SessionAction } from './sessionsStore'
import { formatDuration, needsSaving, sessionDuration } from './sessionFacts'
import { formatCount } from '../console/format'

export interface RecordControlsProps {
  target: TargetInfo
  /** The session the target shows (see sessionOfTarget), if any. */
  session: SessionInfo | null
  now: number
  /** What is in flight for the target's process or its session. */
  pending: SessionAction | undefined
  modKey: string
  onRecord(): void
  onStop(): void
  onSave(): void
}

/** ● Record for a live target; while recording a red dot, the time and the count, and Stop; after it, Save…. */
export function RecordControls({ target, session, now, pending, modKey, onRecord, onStop, onSave }: RecordControlsProps) {
  if (session?.state === 'recording') {
    return (
      <div className="record-controls" data-testid="record-controls">
        <span className="rec-indicator" title="Recording: everything the target logs and throws goes into the session" data-testid="recording-indicator">
          <span className="rec-dot" />
          REC
          <span className="rec-time" data-testid="recording-elapsed">
            {formatDuration(sessionDuration(session, now))}
          </span>
          <span className="rec-count" data-testid="recording-count">
            {formatCount(session.counts.events)} events
          </span>
        </span>
        <button type="button" className="btn" disabled={pending === 'stop'} onClick={onStop} data-testid="stop-recording">
          <span className="stop-square" aria-hidden />
          Stop
        </button>
      </div>
    )
  }
  const canRecord = target.state === 'attached'
  // Opened sessions were read from a file; only a recovered one (never saved) needs saving here.
  const canSave = session !== null && (session.state === 'stopped' || needsSaving(session))
  if (!canRecord && !canSave) return null
  return (
    <div className="record-controls" data-testid="record-controls">
      {canSave && (
        <>
          {!session.saved && (
            <span className="unsaved-badge" title="Kept in an autosave folder until you save it" data-testid="session-unsaved">
              unsaved
            </span>
          )}
          <button type="button" className="btn" disabled={pending === 'save'} onClick={onSave} title={`Save the session as a .spyglass file (${modKey}+S)`} data-testid="save-session">
            {pending === 'save' ? 'Saving…' : 'Save…'}
          </button>
        </>
      )}
      {canRecord && (
        <button type="button" className="btn record-btn" disabled={pending === 'record'} onClick={onRecord} title="Record what this process and its workers log and throw" data-testid="record">
          <span className="rec-dot" />
          Record
        </button>
      )}
    </div>
  )
}
