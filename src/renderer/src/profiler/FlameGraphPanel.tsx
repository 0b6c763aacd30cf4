import { useEffect, useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { ProfileInfo } from '../../../shared/profilerApi'
import { FlameCanvas } from './FlameCanvas'
import { graphLayout, rectOfNode, type FlameLayout } from './flameLayout'
import { payloadCovers, requestWindow, type FlameViewport } from './flameViewport'
import { useProfiler, useProfilerStore } from './useProfiler'

/**
 * The merged call tree, left-heavy: the payload for the focused subtree is drawn at once, and a
 * finer one is asked for whenever zoom or pan settle on a window it does not show in full detail.
 * Clicking a frame selects its function and focuses on it; the breadcrumbs (and Escape) go back up.
 */
export function FlameGraphPanel({ profile, percentBase }: { profile: ProfileInfo; percentBase: number }) {
  const store = useProfilerStore()
  const s = useProfiler(useShallow((st) => ({ flame: st.flame, search: st.search, highlightNodes: st.highlightNodes, selectedFunction: st.selectedFunction })))
  const flame = s.flame?.profileId === profile.id ? s.flame : null
  const layout = useMemo(() => (flame ? graphLayout(flame) : null), [flame])
  const focusStart = flame?.focusStartMs
  const focusEnd = flame ? flame.focusStartMs + flame.focusTotalMs : undefined
  const bounds = useMemo(() => (focusStart !== undefined && focusEnd !== undefined ? { startMs: focusStart, endMs: focusEnd } : null), [focusStart, focusEnd])
  const focus = flame?.focus ?? 0
  const focusRow = useMemo(() => {
    const k = layout ? rectOfNode(layout, focus) : -1
    return k >= 0 && layout ? layout.depth[k] : 0
  }, [layout, focus])
  const widthRef = useRef(0)
  const asked = useRef<string | null>(null)
  const version = useProfiler((st) => st.selectionVersion)

  // The first payload of this selection, once the canvas has a width (and again if the selection restarts).
  const askFirst = (widthPx: number): void => {
    const key = `${profile.id}:${version}`
    if (widthPx <= 0 || asked.current === key) return
    asked.current = key
    void store.getState().requestFlame({ widthPx })
  }
  useEffect(() => {
    if (store.getState().flame?.profileId !== profile.id) askFirst(widthRef.current)
  })

  const onViewport = (vp: FlameViewport | null, widthPx: number): void => {
    widthRef.current = widthPx
    if (widthPx <= 0) return
    const state = store.getState()
    const have = state.flame?.profileId === profile.id ? state.flame : null
    if (!have) return askFirst(widthPx)
    if (vp && bounds && !payloadCovers(have, vp, widthPx)) void state.requestFlame(requestWindow(vp, bounds, widthPx))
  }

  const onPick = (k: number, l: FlameLayout): void => {
    const state = store.getState()
    state.selectFunction(l.functions.index[l.fn[k]])
    if (l.node && l.node[k] !== focus) void state.focusOn(l.node[k], widthRef.current || 800)
  }

  const path = flame?.focusPath ?? []
  const crumbs = path.map((node, i) => {
    const f = flame?.focusPathFn[i] ?? -1
    return { node, name: i === 0 ? 'all' : (flame && f >= 0 ? flame.functions.name[f] : '') || '(anonymous)' }
  })

  return (
    <div className="flame-panel">
      <nav className="flame-crumbs" aria-label="Focus" data-testid="flame-breadcrumbs">
        {crumbs.map((c, i) => (
          <span key={c.node} className="flame-crumb-wrap">
            {i > 0 && <span className="flame-crumb-sep">›</span>}
            <button
              type="button"
              className={i === crumbs.length - 1 ? 'flame-crumb current' : 'flame-crumb'}
              disabled={i === crumbs.length - 1}
              onClick={() => void store.getState().focusOn(c.node, widthRef.current || 800)}
              data-testid="flame-crumb"
            >
              {c.name}
            </button>
          </span>
        ))}
        {flame && flame.culled > 0 && <span className="muted flame-culled">{flame.culled.toLocaleString('en-US')} frames narrower than a pixel left out</span>}
      </nav>
      <FlameCanvas
        layout={layout}
        bounds={bounds}
        resetKey={`${profile.id}:${focus}`}
        resetRow={focusRow}
        direction="down"
        search={s.search}
        highlightNodes={s.highlightNodes}
        selectedFunction={s.selectedFunction}
        percentBase={percentBase}
        zoomOnPick={false}
        onPick={onPick}
        onEscape={path.length > 1 ? () => void store.getState().focusOn(path[path.length - 2], widthRef.current || 800) : undefined}
        onViewport={onViewport}
        testId="flame-graph"
        label="Flame graph: wheel zooms, drag pans, click focuses a frame"
      />
    </div>
  )
}
