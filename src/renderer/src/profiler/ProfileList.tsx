import type { ProfileInfo, ProfileProgress } from '../../../shared/profilerApi'
import { formatBytes } from '../../../shared/formatBytes'
import { formatTime } from '../console/format'
import { loadFraction, profileFacts, sourceLabels } from './profileFormat'

export interface ProfileListProps {
  profiles: readonly ProfileInfo[]
  progress: Readonly<Record<string, ProfileProgress>>
  selectedId: string | null
  /** The target the view shows: its profiles are marked. */
  targetId: string | null
  importing: { name: string; phase: 'upload' | 'import' } | null
  onSelect(id: string): void
  onExport(id: string): void
  onRemove(id: string): void
}

/** Every profile the workbench holds (captured, imported, from opened sessions), newest first, with its state. */
export function ProfileList(props: ProfileListProps) {
  return (
    <ul className="profile-list" aria-label="Profiles" data-testid="profile-list">
      {props.importing && (
        <li className="profile-item importing" data-testid="profile-importing">
          <div className="profile-name">{props.importing.name}</div>
          <div className="muted">{props.importing.phase === 'upload' ? 'Uploading…' : 'Importing…'}</div>
          <ProgressBar fraction={null} />
        </li>
      )}
      {props.profiles.map((p) => {
        const progress = props.progress[p.id]
        const selected = p.id === props.selectedId
        return (
          <li
            key={p.id}
            className={`profile-item${selected ? ' selected' : ''} state-${p.state}`}
            aria-selected={selected}
            onClick={() => props.onSelect(p.id)}
            data-testid="profile-item"
            data-profile-id={p.id}
            data-state={p.state}
            data-source={p.source}
          >
            <div className="profile-name" title={p.name}>
              {p.name}
            </div>
            <div className="profile-meta muted">
              <span className={`profile-source source-${p.source}`}>{sourceLabels[p.source]}</span>
              {p.targetId !== null && p.targetId === props.targetId && <span title="Of the target shown">this target</span>}
              <span>{formatTime(p.capturedAt)}</span>
              <span>{formatBytes(p.fileBytes)}</span>
              {p.hasCallCounts && <span title="Exact call counts were collected">calls</span>}
            </div>
            {p.state === 'ready' && p.summary && <div className="profile-facts muted">{profileFacts(p)}</div>}
            {p.state === 'loading' && (
              <div data-testid="profile-progress">
                <div className="muted">{progress ? (progress.phase === 'reading' ? 'Reading…' : 'Modelling…') : 'Loading…'}</div>
                <ProgressBar fraction={progress ? loadFraction(progress.bytesRead, progress.totalBytes) : null} />
              </div>
            )}
            {p.state === 'failed' && (
              <div className="profile-error" title={p.error ?? undefined} data-testid="profile-error">
                {p.error ?? 'could not be loaded'}
              </div>
            )}
            <div className="profile-actions">
              {p.state === 'ready' && (
                <button
                  type="button"
                  className="link-btn"
                  onClick={(e) => {
                    e.stopPropagation()
                    props.onExport(p.id)
                  }}
                  title="Save as a .cpuprofile (DevTools and speedscope open it)"
                  data-testid="profile-export"
                >
                  Export
                </button>
              )}
              {p.source !== 'session' && (
                <button
                  type="button"
                  className="link-btn"
                  onClick={(e) => {
                    e.stopPropagation()
                    props.onRemove(p.id)
                  }}
                  title="Remove from the list"
                  data-testid="profile-remove"
                >
                  Remove
                </button>
              )}
            </div>
          </li>
        )
      })}
    </ul>
  )
}

function ProgressBar({ fraction }: { fraction: number | null }) {
  return (
    <div className={fraction === null ? 'profile-progress indeterminate' : 'profile-progress'} role="progressbar" aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}>
      <span style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
    </div>
  )
}
