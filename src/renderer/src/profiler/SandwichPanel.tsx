import { useMemo } from 'react'
import type { SandwichData } from '../../../shared/profilerApi'
import { FlameCanvas } from './FlameCanvas'
import { sandwichLayout, type FlameLayout } from './flameLayout'
import { formatMs, formatPct, locationLabel } from './profileFormat'

export interface SandwichPanelProps {
  sandwich: SandwichData | null
  error: string | null
  search: string
  percentBase: number
  onSelect(functionIndex: number): void
  onClose(): void
}

/** The selected function between who calls it (above, growing up) and what it calls (below). */
export function SandwichPanel({ sandwich, error, search, percentBase, onSelect, onClose }: SandwichPanelProps) {
  const callers = useMemo(() => (sandwich ? sandwichLayout(sandwich.callers, sandwich.functions) : null), [sandwich])
  const callees = useMemo(() => (sandwich ? sandwichLayout(sandwich.callees, sandwich.functions) : null), [sandwich])
  const span = sandwich ? Math.max(1e-6, sandwich.function.totalMs) : 0
  const bounds = useMemo(() => (span > 0 ? { startMs: 0, endMs: span } : null), [span])
  const pick = (k: number, l: FlameLayout): void => onSelect(l.functions.index[l.fn[k]])
  const fn = sandwich?.function
  return (
    <div className="sandwich" data-testid="sandwich">
      <div className="sandwich-head">
        {fn ? (
          <>
            <span className={`flame-swatch flame-cat-${fn.category}`} />
            <b className="sandwich-name" data-testid="sandwich-name">
              {fn.functionName || '(anonymous)'}
            </b>
            <span className="muted">{locationLabel(fn.url, fn.line, fn.category)}</span>
            <span className="sandwich-times">
              self {formatMs(fn.selfMs)} ({formatPct(fn.selfPct)}) · total {formatMs(fn.totalMs)} ({formatPct(fn.totalPct)})
              {fn.calls !== null && ` · ${fn.calls.toLocaleString('en-US')} calls`}
            </span>
          </>
        ) : (
          <span className="muted">{error ? '' : 'Loading…'}</span>
        )}
        <button type="button" className="icon-btn" aria-label="Close the sandwich" title="Close" onClick={onClose} data-testid="sandwich-close">
          ×
        </button>
      </div>
      {error && <div className="inline-error slim">Could not load callers and callees: {error}</div>}
      <div className="sandwich-label muted">Callers</div>
      <div className="sandwich-half" data-testid="sandwich-callers" data-count={sandwich?.callers.count ?? 0}>
        <FlameCanvas
          layout={callers}
          bounds={bounds}
          resetKey={`callers:${fn?.index ?? ''}`}
          direction="up"
          search={search}
          highlightNodes={null}
          selectedFunction={fn?.index ?? null}
          percentBase={percentBase}
          zoomOnPick={false}
          onPick={pick}
          testId="sandwich-callers-canvas"
          label="Callers of the selected function"
        />
      </div>
      <div className="sandwich-label muted">Callees</div>
      <div className="sandwich-half" data-testid="sandwich-callees" data-count={sandwich?.callees.count ?? 0}>
        <FlameCanvas
          layout={callees}
          bounds={bounds}
          resetKey={`callees:${fn?.index ?? ''}`}
          direction="down"
          search={search}
          highlightNodes={null}
          selectedFunction={fn?.index ?? null}
          percentBase={percentBase}
          zoomOnPick={false}
          onPick={pick}
          testId="sandwich-callees-canvas"
          label="Callees of the selected function"
        />
      </div>
    </div>
  )
}
