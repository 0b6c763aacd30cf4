import type { HeapGcResult, LeakFlowState, LeakStep } from '../../../shared/heapApi'
import type { HeapLeak } from '../../../shared/heapTypes'
import { formatBytes } from '../../../shared/formatBytes'
import { formatCount } from './memoryFormat'

export interface LeakFinderProps {
  flow: LeakFlowState | null
  readOnly: boolean
  onNext(): void
  onReset(): void
  onShowLeak(leak: HeapLeak): void
}

const steps: Array<{ step: LeakStep; title: string; hint: string; button: string; waitsFor: LeakFlowState['step'] }> = [
  { step: 'baseline', title: 'Baseline', hint: 'The heap before the action, after a forced GC.', button: 'Take baseline', waitsFor: 'baseline' },
  { step: 'target', title: 'Target', hint: 'Now run the action you suspect in your program (a request, a job…), then take the target.', button: 'Take target', waitsFor: 'action' },
  { step: 'final', title: 'Final', hint: 'Let it settle, or undo the action (or run it again), then take the final snapshot.', button: 'Take final & find leaks', waitsFor: 'final' }
]

function GcFreed({ gc }: { gc: HeapGcResult | undefined }) {
  if (!gc) return null
  return (
    <span className="muted" data-testid="leak-step-gc">
      GC freed {formatBytes(gc.freedBytes)} ({formatBytes(gc.beforeBytes)} → {formatBytes(gc.afterBytes)})
    </span>
  )
}

/** The one-click leak finder: three snapshots around the user's action, then what the action left alive. */
export function LeakFinder({ flow, readOnly, onNext, onReset, onShowLeak }: LeakFinderProps) {
  const current = flow?.step ?? 'baseline'
  const order: LeakFlowState['step'][] = ['baseline', 'action', 'final', 'analysing', 'done']
  const position = current === 'failed' ? -1 : order.indexOf(current)
  const leaks = flow?.leaks?.leaks ?? []
  return (
    <div className="leak-finder" data-testid="leak-finder">
      <ol className="leak-steps">
        {steps.map((s, i) => {
          const done = position > order.indexOf(s.waitsFor)
          const active = current === s.waitsFor
          return (
            <li key={s.step} className={`leak-step${done ? ' done' : ''}${active ? ' active' : ''}`} data-testid={`leak-step-${s.step}`}>
              <span className="leak-step-number">{done ? '✓' : i + 1}</span>
              <div className="leak-step-body">
                <strong>{s.title}</strong>
                <span className="muted">{s.hint}</span>
                <GcFreed gc={flow?.gc[s.step]} />
              </div>
              {active && (
                <button type="button" className="btn primary" disabled={readOnly || flow?.busy === true} data-testid="leak-next" onClick={onNext}>
                  {flow?.busy ? 'Taking…' : s.button}
                </button>
              )}
            </li>
          )
        })}
      </ol>
      <div className="leak-status">
        {current === 'analysing' && <span data-testid="leak-analysing">Finding what the action left alive…</span>}
        {current === 'failed' && <span className="error-text">The leak finder stopped: {flow?.error}</span>}
        {(current === 'done' || current === 'failed' || position > 0) && (
          <button type="button" className="btn small" onClick={onReset} data-testid="leak-reset" disabled={flow?.busy === true}>
            Start over
          </button>
        )}
      </div>
      {current === 'done' && (
        <div className="leak-results" data-testid="leak-results">
          <div className="mem-subtitle">
            {leaks.length === 0 ? 'Nothing the action allocated is still alive: no leak found.' : `${leaks.length} group${leaks.length === 1 ? '' : 's'} of objects allocated by the action and still alive, largest first`}
          </div>
          {leaks.length > 0 && (
            <div className="mem-header leak-grid" role="row">
              <span className="mem-th cell-name">Objects</span>
              <span className="mem-th cell-num">Count</span>
              <span className="mem-th cell-num">Retained</span>
            </div>
          )}
          <div className="leak-rows">
            {leaks.map((leak, i) => (
              <div key={i} className="mem-row leak-grid" data-testid="leak-row" data-name={leak.name} onClick={() => onShowLeak(leak)}>
                <span className="cell-name">{leak.name}</span>
                <span className="cell-num" data-testid="leak-count">
                  {formatCount(leak.count)}
                </span>
                <span className="cell-num">{formatBytes(leak.retainedSize)}</span>
                <span className="cell-path" title={leak.retainerPath.join(' → ')} data-testid="leak-path">
                  held by {leak.retainerPath.join(' → ')}
                </span>
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  )
}
