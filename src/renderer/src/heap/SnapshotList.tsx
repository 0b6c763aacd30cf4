import type { HeapProgress, HeapSnapshotItem } from '../../../shared/heapApi'
import { formatBytes } from '../../../shared/formatBytes'
import { formatCount, progressOf } from './memoryFormat'

export interface SnapshotListProps {
  snapshots: readonly HeapSnapshotItem[]
  progress: Record<string, HeapProgress>
  selectedId: string | null
  /** The comparison's "before", marked in the list. */
  baseId: string | null
  onSelect(snapshotId: string): void
  onRemove(snapshotId: string): void
  onSave(snapshotId: string): void
}

const stepLabels = { baseline: 'baseline', target: 'target', final: 'final' } as const

/** The snapshots known to the workbench, newest last, each with its state and what its GC freed. */
export function SnapshotList({ snapshots, progress, selectedId, baseId, onSelect, onRemove, onSave }: SnapshotListProps) {
  return (
    <ul className="snapshot-list" aria-label="Heap snapshots" data-testid="snapshot-list">
      {snapshots.length === 0 && <li className="muted snapshot-empty">No snapshots yet. Take one of the target, or import a .heapsnapshot file.</li>}
      {snapshots.map((s) => {
        const busy = s.state === 'capturing' || s.state === 'loading'
        const bar = busy ? progressOf(progress[s.id]) : null
        return (
          <li key={s.id}>
            <div
              className={`snapshot-item${s.id === selectedId ? ' selected' : ''}`}
              role="button"
              tabIndex={0}
              aria-pressed={s.id === selectedId}
              data-testid="snapshot-item"
              data-state={s.state}
              data-id={s.id}
              onClick={() => onSelect(s.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') onSelect(s.id)
              }}
            >
              <div className="snapshot-line">
                <span className="snapshot-name" title={s.file}>
                  {s.name}
                </span>
                {s.leakStep && <span className="step-chip">{stepLabels[s.leakStep]}</span>}
                {s.id === baseId && s.id !== selectedId && <span className="step-chip base">before</span>}
                <button
                  type="button"
                  className="icon-btn snapshot-save"
                  title="Save as a .heapsnapshot file (opens in Chrome DevTools and memlab)"
                  aria-label={`Save ${s.name}`}
                  data-testid="snapshot-save"
                  disabled={s.state === 'capturing'}
                  onClick={(e) => {
                    e.stopPropagation()
                    onSave(s.id)
                  }}
                >
                  ⤓
                </button>
                <button
                  type="button"
                  className="icon-btn snapshot-remove"
                  title="Remove this snapshot"
                  aria-label={`Remove ${s.name}`}
                  data-testid="snapshot-remove"
                  disabled={s.state === 'capturing'}
                  onClick={(e) => {
                    e.stopPropagation()
                    onRemove(s.id)
                  }}
                >
                  ×
                </button>
              </div>
              <div className="snapshot-meta muted">
                {s.source === 'import' ? 'imported · ' : ''}
                {formatBytes(s.fileBytes)}
                {s.nodeCount !== null && ` · ${formatCount(s.nodeCount)} objects`}
                {s.totalSize !== null && ` · ${formatBytes(s.totalSize)} live`}
              </div>
              {s.gc && (
                <div className="snapshot-meta muted" data-testid="snapshot-gc">
                  GC before it freed {formatBytes(s.gc.freedBytes)}
                </div>
              )}
              {bar && (
                <div className="progress" data-testid="snapshot-progress" title={bar.label}>
                  <div className={`progress-bar${bar.fraction === null ? ' indeterminate' : ''}`} style={bar.fraction === null ? undefined : { width: `${Math.round(bar.fraction * 100)}%` }} />
                  <span className="progress-label">{bar.label}</span>
                </div>
              )}
              {s.state === 'failed' && (
                <div className="snapshot-error" data-testid="snapshot-error">
                  {s.error}
                </div>
              )}
            </div>
          </li>
        )
      })}
    </ul>
  )
}
