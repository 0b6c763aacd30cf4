import { useEffect, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useNow } from '../hooks/useNow'
import { useCssColors } from '../hooks/useCssColors'
import { useSessions, useTargets } from '../workbench/modelContext'
import { rootTargetId, sessionOfTarget } from '../sessions/sessionFacts'
import { latestGpu } from './systemStore'
import type { ViewProps } from '../workbench/views'
import { AlertList } from './AlertList'
import { GpuProcessTable } from './GpuProcessTable'
import { HealthTiles } from './HealthTiles'
import { MetricChart } from './MetricChart'
import { systemPanels, timeRange, type ChartColors } from './systemCharts'
import { useSystemStore, useSystem } from './useSystem'
import '../styles/system.css'

const cssNames = ['--accent', '--ok', '--warn', '--error', '--info', '--debug', '--v-string', '--v-keyword', '--text-dim', '--text-faint', '--border', '--bg-raised', '--border-strong'] as const

/**
 * Host, GPUs and target processes on one time axis: health tiles, timelines sharing a
 * crosshair, the alerts and the GPU processes. Live while no recorded target is selected; a
 * recorded target shows what its session recorded.
 */
export function SystemView({ targetId, readOnly }: ViewProps) {
  const store = useSystemStore()
  const targets = useTargets((s) => s.targets)
  const sessions = useSessions((s) => s.sessions)
  const selected = targets.find((t) => t.id === targetId) ?? null
  const session = readOnly ? sessionOfTarget(sessions, selected) : null
  const sessionId = session?.id ?? null

  useEffect(() => {
    const system = store.getState()
    if (readOnly && !sessionId) return
    void system.show(sessionId ? { kind: 'recorded', sessionId } : { kind: 'live' })
    return () => system.hide()
  }, [store, readOnly, sessionId])

  const s = useSystem(useShallow((st) => ({ status: st.status, loadError: st.loadError, series: st.series, health: st.health, alerts: st.alerts })))
  const now = useNow(!readOnly)
  const css = useCssColors(cssNames)
  const colors = useMemo<ChartColors>(
    () => ({
      palette: [css['--accent'], css['--ok'], css['--warn'], css['--v-keyword'], css['--v-string'], css['--info'], css['--debug'], css['--error']],
      text: css['--text-dim'],
      faint: css['--text-faint'],
      grid: css['--border'],
      tooltipBg: css['--bg-raised'],
      tooltipBorder: css['--border-strong'],
      accent: css['--text-faint']
    }),
    [css]
  )

  // In a recording, samples are keyed by the recorded target's own id; live, by the process's.
  const ownTargetId = session ? session.target.id : targetId ? rootTargetId(targets, targetId) : null
  const ownPid = session ? session.target.pid : (targets.find((t) => t.id === ownTargetId)?.pid ?? null)
  const panels = useMemo(() => {
    const label = (id: string): string => (session && id === session.target.id ? session.target.title : (targets.find((t) => t.id === id)?.title ?? id))
    return systemPanels(s.series, label, ownTargetId)
  }, [s.series, targets, session, ownTargetId])
  const range = useMemo(() => timeRange(s.series), [s.series])
  const gpu = latestGpu(s.series)

  return (
    <div className="system-view" data-testid="system-view">
      <div className="system-header">
        <span className="system-mode">{session ? `Recorded in ${session.title}` : 'Live'}</span>
        <span className="muted">
          {s.series.intervalMs > 0 && `sampled every ${s.series.intervalMs >= 1000 ? `${s.series.intervalMs / 1000} s` : `${s.series.intervalMs} ms`}`}
          {s.series.host.length > 0 && ` · ${s.series.host.length} samples`}
        </span>
      </div>
      {s.loadError && (
        <div className="system-error" role="alert">
          {s.loadError}
        </div>
      )}
      {!readOnly && <HealthTiles tiles={s.health} ownSubject={ownTargetId ? `target:${ownTargetId}` : null} />}
      {s.status === 'loading' && <div className="muted system-loading">Reading metrics…</div>}
      {range && (
        <div className="system-charts">
          {panels.map((panel) => (
            <MetricChart key={panel.id} panel={panel} colors={colors} range={range} />
          ))}
        </div>
      )}
      <div className="system-lower">
        {/* A recording's alerts lasted until its end at most, not until now. */}
        <AlertList alerts={s.alerts} now={session?.endedAt ?? now} recorded={session !== null} />
        <GpuProcessTable gpu={gpu} targetPid={ownPid} />
      </div>
    </div>
  )
}
