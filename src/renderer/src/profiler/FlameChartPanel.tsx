import { useEffect, useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { ProfileInfo } from '../../../shared/profilerApi'
import { FlameCanvas } from './FlameCanvas'
import { chartLayout, type FlameLayout } from './flameLayout'
import { payloadCovers, requestWindow, type FlameViewport } from './flameViewport'
import { useProfiler, useProfilerStore } from './useProfiler'

/** The stacks in time order: the payload for a window is drawn at once, a finer one asked for when zoom or pan settle. */
export function FlameChartPanel({ profile, percentBase }: { profile: ProfileInfo; percentBase: number }) {
  const store = useProfilerStore()
  const s = useProfiler(useShallow((st) => ({ chart: st.chart, search: st.search, highlightNodes: st.highlightNodes, selectedFunction: st.selectedFunction })))
  const chart = s.chart?.profileId === profile.id ? s.chart : null
  const layout = useMemo(() => (chart ? chartLayout(chart) : null), [chart])
  const duration = chart?.durationMs
  const bounds = useMemo(() => (duration !== undefined ? { startMs: 0, endMs: duration } : null), [duration])
  const asked = useRef<string | null>(null)
  const version = useProfiler((st) => st.selectionVersion)
  const widthRef = useRef(0)

  // The first payload of this selection, once the canvas has a width (and again if the selection restarts).
  const askFirst = (widthPx: number): void => {
    const key = `${profile.id}:${version}`
    if (widthPx <= 0 || asked.current === key) return
    asked.current = key
    void store.getState().requestChart({ widthPx })
  }
  useEffect(() => {
    if (store.getState().chart?.profileId !== profile.id) askFirst(widthRef.current)
  })

  const onViewport = (vp: FlameViewport | null, widthPx: number): void => {
    widthRef.current = widthPx
    if (widthPx <= 0) return
    const state = store.getState()
    const have = state.chart?.profileId === profile.id ? state.chart : null
    if (!have) return askFirst(widthPx)
    if (vp && bounds && !payloadCovers(have, vp, widthPx)) void state.requestChart(requestWindow(vp, bounds, widthPx))
  }

  const onPick = (k: number, l: FlameLayout): void => store.getState().selectFunction(l.functions.index[l.fn[k]])

  return (
    <div className="flame-panel">
      <nav className="flame-crumbs" aria-label="Time">
        <span className="muted">Time order · click a frame to zoom onto it, 0 to see it all</span>
        {chart && chart.culled > 0 && <span className="muted flame-culled">{chart.culled.toLocaleString('en-US')} spans narrower than a pixel left out</span>}
      </nav>
      <FlameCanvas
        layout={layout}
        bounds={bounds}
        resetKey={profile.id}
        direction="down"
        search={s.search}
        highlightNodes={s.highlightNodes}
        selectedFunction={s.selectedFunction}
        percentBase={percentBase}
        zoomOnPick
        onPick={onPick}
        onViewport={onViewport}
        testId="flame-chart"
        label="Flame chart: wheel zooms, drag pans, click zooms onto a frame"
      />
    </div>
  )
}
