import type { RecentSession } from '../../../shared/sessionTypes'
import { fileName, formatDuration, formatWhen } from './sessionFacts'
import { formatCount } from '../console/format'

export interface RecentSessionListProps {
  recent: RecentSession[]
  now: number
  onOpen(file: string): void
  onForget(file: string): void
}

/** Recently saved or opened .spyglass files, newest first; a click opens one, × forgets it (the file stays). */
export function RecentSessionList({ recent, now, onOpen, onForget }: RecentSessionListProps) {
  if (recent.length === 0) return <div className="recent-empty muted">No recent sessions yet.</div>
  return (
    <ul className="recent-list" aria-label="Recent sessions" data-testid="recent-sessions">
      {recent.map((r) => (
        <li key={r.file} className="recent-item" data-testid="recent-session">
          <button type="button" className="recent-open" onClick={() => onOpen(r.file)} title={r.file} data-testid="recent-open">
            <span className="recent-title">
              <span className="recent-name">{r.title}</span>
              <span className="recent-file mono">{fileName(r.file)}</span>
            </span>
            <span className="recent-meta">
              <span>{formatWhen(r.startedAt, now)}</span>
              {r.endedAt !== null && <span>{formatDuration(r.endedAt - r.startedAt)}</span>}
              <span data-testid="recent-events">{formatCount(r.events)} events</span>
            </span>
          </button>
          <button type="button" className="icon-btn recent-forget" aria-label={`Forget ${fileName(r.file)}`} title="Remove from this list (the file stays)" onClick={() => onForget(r.file)} data-testid="recent-forget">
            ×
          </button>
        </li>
      ))}
    </ul>
  )
}
