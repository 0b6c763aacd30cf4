import type { RecentSession } from '../../../shared/sessionTypes'
import { SpyglassLogo } from './icons'
import { RecentSessionList } from '../sessions/RecentSessionList'

export interface EmptyStateProps {
  launching: boolean
  modKey: string
  recent: RecentSession[]
  now: number
  onLaunchDemo(): void
  onAttach(): void
  onOpenSession(): void
  onOpenRecent(file: string): void
  onForgetRecent(file: string): void
}

/** Shown when the workbench knows no target at all. */
export function EmptyState(props: EmptyStateProps) {
  const { launching, modKey } = props
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-card">
        <div className="empty-logo">
          <SpyglassLogo />
        </div>
        <h1>Nothing attached yet</h1>
        <p>
          Spyglass attaches to a running Node.js process through its inspector and shows what it logs and throws, live. Try the
          demo program — it logs at every level, throws, and starts a worker thread — or attach to your own process.
        </p>
        <div className="empty-actions">
          <button type="button" className="btn primary large" onClick={props.onLaunchDemo} disabled={launching} data-testid="launch-demo">
            {launching ? 'Launching…' : 'Launch demo'}
          </button>
          <button type="button" className="btn large" onClick={props.onAttach} data-testid="empty-attach">
            Attach to a process…
          </button>
          <button type="button" className="btn large" onClick={props.onOpenSession} data-testid="empty-open-session">
            Open session…
          </button>
        </div>
        <p className="empty-hint">
          Your own program: start it with <code>node --inspect app.js</code> and pick it under Processes.
          <br />
          <kbd>{modKey}</kbd>+<kbd>K</kbd> attach · <kbd>{modKey}</kbd>+<kbd>O</kbd> open a session · <kbd>?</kbd> all shortcuts
        </p>
        {props.recent.length > 0 && (
          <div className="empty-recent">
            <h2>Recent sessions</h2>
            <RecentSessionList recent={props.recent} now={props.now} onOpen={props.onOpenRecent} onForget={props.onForgetRecent} />
          </div>
        )}
      </div>
    </div>
  )
}
