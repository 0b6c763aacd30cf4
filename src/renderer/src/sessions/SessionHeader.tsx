import { consoleLevels } from '../../../shared/consoleTypes'
import type { SessionInfo } from '../../../shared/sessionTypes'
import { LevelIcon } from '../components/icons'
import type { SessionAction } from './sessionsStore'
import { fileName, formatDuration, formatWhen, sessionDuration } from './sessionFacts'
import { formatCount } from '../console/format'

export interface SessionHeaderProps {
  session: SessionInfo
  now: number
  pending: SessionAction | undefined
  onClose(): void
}

function exitText(session: SessionInfo): string | null {
  const exit = session.target.exit
  if (!exit) return null
  if (exit.signal) return `exited · signal ${exit.signal}`
  return exit.code !== null ? `exited · exit code ${exit.code}` : 'exited'
}

/** What the session is: its target, when and how long, what it holds, and where it is kept. */
export function SessionHeader({ session, now, pending, onClose }: SessionHeaderProps) {
  const t = session.target
  const exit = exitText(session)
  const dropped = session.counts.dropped
  return (
    <section className={`session-header session-${session.state}`} aria-label="Session" data-testid="session-header" data-state={session.state}>
      <div className="session-line">
        {session.state === 'recording' && (
          <span className="session-chip chip-recording">
            <span className="rec-dot" /> recording
          </span>
        )}
        {session.state === 'stopped' && <span className="session-chip">stopped</span>}
        {session.state === 'opened' && (
          <span className="session-chip chip-readonly" title="Opened from a file: nothing here changes it" data-testid="session-readonly">
            read-only
          </span>
        )}
        {session.recovered && <span className="session-chip chip-recovered">recovered</span>}
        <span className="session-title" title={t.title} data-testid="session-title">
          {t.title}
        </span>
        {t.pid !== null && (
          <span className="fact" data-testid="session-pid">
            <span className="fact-label">PID</span> {t.pid}
          </span>
        )}
        <span className="fact command mono" title={t.command} data-testid="session-command">
          {t.command}
        </span>
        {t.nodeVersion && (
          <span className="fact">
            <span className="fact-label">Node</span> {t.nodeVersion}
          </span>
        )}
        {t.platform && <span className="fact">{t.platform}</span>}
        {exit && <span className="fact target-error">{exit}</span>}
        <span className="session-spacer" />
        {session.state === 'opened' && (
          <button type="button" className="btn small" disabled={pending === 'close'} onClick={onClose} title="Close the session (the file stays)" data-testid="close-session">
            Close
          </button>
        )}
      </div>
      <div className="session-line session-stats">
        <span className="fact" title={new Date(session.startedAt).toString()}>
          <span className="fact-label">Started</span> {formatWhen(session.startedAt, now)}
        </span>
        <span className="fact" data-testid="session-duration">
          <span className="fact-label">Duration</span> {formatDuration(sessionDuration(session, now))}
        </span>
        <span className="fact" data-testid="session-events">
          <span className="fact-label">Events</span> {formatCount(session.counts.events)}
        </span>
        <span className="session-levels" data-testid="session-levels">
          {consoleLevels.map((level) => (
            <span key={level} className="session-level" title={`${level} messages`} data-testid={`session-count-${level}`}>
              <LevelIcon level={level} />
              {formatCount(session.counts.byLevel[level])}
            </span>
          ))}
        </span>
        <span
          className={dropped > 0 ? 'fact dropped has-drops' : 'fact dropped'}
          title="Events the target produced that the session does not hold (evicted before recording began)"
          data-testid="session-dropped"
        >
          {formatCount(dropped)} dropped
        </span>
        <span className="session-spacer" />
        <span className={session.file ? 'fact session-file mono' : 'fact session-file muted'} title={session.file ?? undefined} data-testid="session-file">
          {session.file ? fileName(session.file) : 'not saved yet'}
        </span>
      </div>
    </section>
  )
}
