import type { TargetRow } from './targetOrder'
import { stateLabel } from './targetOrder'
import { Caret } from '../components/icons'

export interface TargetSelectorProps {
  rows: TargetRow[]
  selectedId: string | null
  open: boolean
  onOpen(open: boolean): void
  onSelect(id: string): void
}

/** A drop-down of every target; worker threads are indented under the process that owns them. */
export function TargetSelector({ rows, selectedId, open, onOpen, onSelect }: TargetSelectorProps) {
  const selected = rows.find((r) => r.target.id === selectedId)?.target
  return (
    <div className="target-selector">
      <button
        type="button"
        className="target-selector-button"
        aria-haspopup="listbox"
        aria-expanded={open}
        disabled={rows.length === 0}
        onClick={() => onOpen(!open)}
        data-testid="target-selector"
      >
        {selected ? (
          <>
            <span className={`dot state-${selected.state}`} />
            <span className="target-title">{selected.title}</span>
            {selected.kind === 'worker' && <span className="kind-tag">worker</span>}
            {selected.state === 'recorded' && <span className="kind-tag session-tag">session</span>}
          </>
        ) : (
          <span className="muted">No target</span>
        )}
        <span className="count-tag">{rows.length}</span>
        <Caret open={open} />
      </button>
      {open && (
        <>
          <div className="popover-backdrop" onClick={() => onOpen(false)} />
          <ul className="target-menu" role="listbox" aria-label="Targets" data-testid="target-menu">
            {rows.map(({ target, depth }) => (
              <li
                key={target.id}
                role="option"
                aria-selected={target.id === selectedId}
                className={target.id === selectedId ? 'target-option selected' : 'target-option'}
                style={{ paddingLeft: 10 + depth * 18 }}
                onClick={() => {
                  onSelect(target.id)
                  onOpen(false)
                }}
                data-testid="target-option"
                data-depth={depth}
              >
                {depth > 0 && <span className="tree-elbow">└</span>}
                <span className={`dot state-${target.state}`} />
                <span className="target-title">{target.title}</span>
                {target.kind === 'worker' && <span className="kind-tag">worker</span>}
                {target.state === 'recorded' && <span className="kind-tag session-tag" data-testid="session-tag">session</span>}
                <span className="target-option-meta">
                  {target.pid !== null && <span>PID {target.pid}</span>}
                  <span>{stateLabel(target)}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
