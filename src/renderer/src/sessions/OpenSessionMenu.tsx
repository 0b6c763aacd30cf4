import type { RecentSession, SessionInfo } from '../../../shared/sessionTypes'
import { formatDuration, formatWhen, sessionDuration } from './sessionFacts'
import { formatCount } from '../console/format'
import { Caret } from '../components/icons'
import { RecentSessionList } from './RecentSessionList'

export interface OpenSessionMenuProps {
  open: boolean
  recent: RecentSession[]
  /** Stopped or recovered sessions never saved, including ones whose target is gone. */
  unsaved: SessionInfo[]
  now: number
  busy: boolean
  modKey: string
  onMenu(open: boolean): void
  onOpenFile(): void
  onOpenRecent(file: string): void
  onForget(file: string): void
  onSave(sessionId: string): void
}

/** "Open session…" with a drop-down of recent sessions beside it. */
export function OpenSessionMenu(props: OpenSessionMenuProps) {
  return (
    <div className="open-session">
      <div className="split-btn">
        <button type="button" className="btn" disabled={props.busy} onClick={props.onOpenFile} title={`Open a .spyglass session file (${props.modKey}+O)`} data-testid="open-session">
          Open session…
        </button>
        <button
          type="button"
          className="btn split-caret"
          aria-haspopup="menu"
          aria-expanded={props.open}
          aria-label="Recent sessions"
          title="Recent sessions"
          onClick={() => props.onMenu(!props.open)}
          data-testid="open-session-menu"
        >
          <Caret open={props.open} />
        </button>
      </div>
      {props.open && (
        <>
          <div className="popover-backdrop" onClick={() => props.onMenu(false)} />
          <div className="open-menu" role="menu" data-testid="open-menu">
            {props.unsaved.length > 0 && (
              <>
                <div className="open-menu-title">Not saved yet</div>
                <ul className="recent-list unsaved-list" data-testid="unsaved-sessions">
                  {props.unsaved.map((s) => (
                    <li key={s.id} className="recent-item" data-testid="unsaved-session">
                      <span className="recent-open">
                        <span className="recent-title">
                          <span className="recent-name">{s.title}</span>
                          {s.recovered && <span className="recent-file">recovered</span>}
                        </span>
                        <span className="recent-meta">
                          <span>{formatWhen(s.startedAt, props.now)}</span>
                          <span>{formatDuration(sessionDuration(s, props.now))}</span>
                          <span>{formatCount(s.counts.events)} events</span>
                        </span>
                      </span>
                      <button type="button" className="btn small" onClick={() => props.onSave(s.id)} data-testid="unsaved-save">
                        Save…
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <div className="open-menu-title">Recent sessions</div>
            <RecentSessionList recent={props.recent} now={props.now} onOpen={props.onOpenRecent} onForget={props.onForget} />
            <div className="open-menu-footer">
              <button type="button" className="btn small" onClick={props.onOpenFile} data-testid="open-menu-file">
                Open a file…
              </button>
              <span className="muted">or drop a .spyglass file on the window</span>
            </div>
          </div>
        </>
      )}
    </div>
  )
}
