import { SpyglassLogo } from './icons'

export interface EmptyStateProps {
  launching: boolean
  modKey: string
  onLaunchDemo(): void
  onAttach(): void
}

/** Shown when the workbench knows no target at all. */
export function EmptyState({ launching, modKey, onLaunchDemo, onAttach }: EmptyStateProps) {
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
          <button type="button" className="btn primary large" onClick={onLaunchDemo} disabled={launching} data-testid="launch-demo">
            {launching ? 'Launching…' : 'Launch demo'}
          </button>
          <button type="button" className="btn large" onClick={onAttach} data-testid="empty-attach">
            Attach to a process…
          </button>
        </div>
        <p className="empty-hint">
          Your own program: start it with <code>node --inspect app.js</code> and pick it under Processes.
          <br />
          <kbd>{modKey}</kbd>+<kbd>K</kbd> attach · <kbd>?</kbd> all shortcuts
        </p>
      </div>
    </div>
  )
}
