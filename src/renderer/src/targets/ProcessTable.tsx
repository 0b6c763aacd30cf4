import type { LocalNodeProcess } from '../../../shared/targetTypes'

export interface ProcessTableProps {
  processes: LocalNodeProcess[]
  loading: boolean
  error: string | null
  pending: string | null
  onRefresh(): void
  onAttach(pid: number): void
}

export function ProcessTable({ processes, loading, error, pending, onRefresh, onAttach }: ProcessTableProps) {
  return (
    <div className="process-panel">
      <div className="process-toolbar">
        <span className="muted">{loading ? 'Looking for Node.js processes…' : `${processes.length} Node.js process${processes.length === 1 ? '' : 'es'} on this machine`}</span>
        <button type="button" className="btn small" onClick={onRefresh} disabled={loading} data-testid="processes-refresh">
          Refresh
        </button>
      </div>
      {error && <div className="inline-error">{error}</div>}
      <div className="process-scroll">
        <table className="grid-table" data-testid="process-table">
          <thead>
            <tr>
              <th className="num">PID</th>
              <th>Command</th>
              <th>Inspector</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {processes.map((p) => (
              <tr key={p.pid} data-testid="process-row">
                <td className="num mono">{p.pid}</td>
                <td className="mono ellipsis" title={p.command}>
                  {p.command}
                </td>
                <td className={p.inspector ? 'mono' : 'muted'}>{p.inspector ? `port ${p.inspector.port}` : 'not inspecting'}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="btn small"
                    disabled={pending !== null}
                    onClick={() => onAttach(p.pid)}
                    data-testid={`attach-pid-${p.pid}`}
                  >
                    {pending === `pid:${p.pid}` ? 'Attaching…' : 'Attach'}
                  </button>
                </td>
              </tr>
            ))}
            {!loading && processes.length === 0 && !error && (
              <tr>
                <td colSpan={4} className="muted empty-cell">
                  No Node.js processes found. Start one, or use the Launch tab.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  )
}
