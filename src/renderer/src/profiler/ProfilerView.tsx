import { useCallback, useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { SearchBox } from '../components/SearchBox'
import { HiddenFileInput } from '../components/HiddenFileInput'
import { useUi } from '../workbench/modelContext'
import { useNow } from '../hooks/useNow'
import type { ViewProps } from '../workbench/views'
import '../styles/profiler.css'
import { CaptureControls } from './CaptureControls'
import { FlameChartPanel } from './FlameChartPanel'
import { FlameGraphPanel } from './FlameGraphPanel'
import { FunctionTable } from './FunctionTable'
import { GroupBreakdown } from './GroupBreakdown'
import { ProfileList } from './ProfileList'
import { SandwichPanel } from './SandwichPanel'
import { profileFacts } from './profileFormat'
import { useProfiler, useProfilerStore } from './useProfiler'

/**
 * CPU profiles: the list and capture controls on the left; the selected profile's flame graph
 * or flame chart, its function table, its breakdown by package and the sandwich of the selected
 * function on the right, all linked through the presenter's selection.
 */
export function ProfilerView({ targetId, readOnly }: ViewProps) {
  const store = useProfilerStore()
  const actions = store.getState()
  useEffect(() => {
    store.getState().show(targetId || null, readOnly)
  }, [store, targetId, readOnly])

  const s = useProfiler(
    useShallow((st) => ({
      profiles: st.profiles,
      progress: st.progress,
      selectedId: st.selectedId,
      importing: st.importing,
      pickRequest: st.pickRequest,
      capture: targetId ? st.captures[targetId] : undefined,
      pending: targetId ? st.pendingCapture[targetId] : undefined,
      captureOptions: st.captureOptions,
      mode: st.mode,
      search: st.search,
      error: st.error
    }))
  )
  const now = useNow(s.capture?.running === true, 500)
  const focusRequest = useUi((u) => u.focusSearchRequest)
  const selected = s.profiles.find((p) => p.id === s.selectedId) ?? null

  return (
    <div className="profiler-view" data-testid="profiler-view">
      <aside className="profiler-side">
        {targetId && !readOnly ? (
          <CaptureControls
            status={s.capture}
            options={s.captureOptions}
            pending={s.pending}
            now={now}
            onOptions={actions.setCaptureOptions}
            onStart={() => void actions.startCapture(targetId)}
            onStop={() => void actions.stopCapture(targetId)}
          />
        ) : (
          readOnly && <div className="capture muted">A recorded session: its profiles are shown read-only.</div>
        )}
        <div className="profile-list-head">
          <span className="profile-list-title">Profiles</span>
          <button type="button" className="btn small" onClick={() => void actions.importDialog()} title="Import a .cpuprofile (or drop one on the window)" data-testid="profile-open">
            Open…
          </button>
        </div>
        <HiddenFileInput request={s.pickRequest} accept=".cpuprofile" onFile={(file) => void actions.importFile(file)} testId="profile-file-input" />
        {s.profiles.length === 0 && !s.importing ? (
          <div className="profile-empty muted" data-testid="profiles-empty">
            No profiles yet. {targetId && !readOnly ? 'Start profiling the target, or open' : 'Open'} a .cpuprofile (from <code>node --cpu-prof</code> or DevTools), or drop one here.
          </div>
        ) : (
          <ProfileList
            profiles={s.profiles}
            progress={s.progress}
            selectedId={s.selectedId}
            targetId={targetId || null}
            importing={s.importing}
            onSelect={actions.selectProfile}
            onExport={(id) => void actions.exportProfile(id)}
            onRemove={(id) => void actions.removeProfile(id)}
          />
        )}
      </aside>
      <section className="profiler-main">
        {s.error && (
          <div className="inline-error slim profiler-error" data-testid="profiler-error">
            {s.error}
            <button type="button" className="icon-btn" aria-label="Dismiss" onClick={actions.dismissError}>
              ×
            </button>
          </div>
        )}
        <div className="profiler-toolbar">
          <div className="segmented" role="group" aria-label="Flame view">
            <button type="button" className={s.mode === 'graph' ? 'segment on' : 'segment'} aria-pressed={s.mode === 'graph'} onClick={() => actions.setMode('graph')} title="Merged call tree, heaviest first" data-testid="mode-graph">
              Flame graph
            </button>
            <button type="button" className={s.mode === 'chart' ? 'segment on' : 'segment'} aria-pressed={s.mode === 'chart'} onClick={() => actions.setMode('chart')} title="Stacks in time order" data-testid="mode-chart">
              Flame chart
            </button>
          </div>
          <SearchBox value={s.search} placeholder="Search functions and files" onChange={actions.setSearch} focusRequest={focusRequest} testId="profiler-search" />
          {selected && (
            <span className="profiler-facts muted" title={selected.name}>
              {selected.name}
              {selected.summary && ` · ${profileFacts(selected)}`}
              {selected.sourceMapped && ' · source-mapped'}
            </span>
          )}
        </div>
        {selected?.state === 'ready' ? (
          <ProfileDetail key={selected.id} />
        ) : (
          <div className="view-empty muted" data-testid="profile-placeholder">
            {selected?.state === 'loading'
              ? 'Loading the profile…'
              : selected?.state === 'failed'
                ? `This profile could not be loaded: ${selected.error ?? ''}`
                : s.capture?.running
                  ? 'Recording a CPU profile of the target: it shows here when it stops.'
                  : 'Select or import a profile.'}
          </div>
        )}
      </section>
    </div>
  )
}

/** The selected, loaded profile: a flame view above, functions with breakdown or sandwich below. */
function ProfileDetail() {
  const store = useProfilerStore()
  const actions = store.getState()
  const s = useProfiler(
    useShallow((st) => ({
      profile: st.profiles.find((p) => p.id === st.selectedId) ?? null,
      mode: st.mode,
      rows: st.rows,
      total: st.total,
      sort: st.sort,
      descending: st.descending,
      queryVersion: st.queryVersion,
      tableError: st.tableError,
      groups: st.groups,
      groupFilter: st.groupFilter,
      selectedFunction: st.selectedFunction,
      sandwich: st.sandwich,
      sandwichError: st.sandwichError,
      search: st.search,
      flameError: st.flameError
    }))
  )
  const [side, setSide] = useState<'groups' | 'sandwich'>('groups')
  useEffect(() => setSide(s.selectedFunction === null ? 'groups' : 'sandwich'), [s.selectedFunction])
  const onEndReached = useCallback(() => void store.getState().loadMore(), [store])
  const onSelect = useCallback((index: number) => store.getState().selectFunction(index), [store])
  if (!s.profile) return null
  const percentBase = s.profile.summary?.nonIdleMs ?? 0
  return (
    <div className="profile-detail">
      {s.flameError && <div className="inline-error slim">Could not load the flame view: {s.flameError}</div>}
      <div className="flame-area">
        {s.mode === 'graph' ? <FlameGraphPanel profile={s.profile} percentBase={percentBase} /> : <FlameChartPanel profile={s.profile} percentBase={percentBase} />}
      </div>
      <div className="profile-bottom">
        <FunctionTable
          rows={s.rows}
          total={s.total}
          sort={s.sort}
          descending={s.descending}
          callCounts={s.profile.hasCallCounts}
          selected={s.selectedFunction}
          selectedRow={s.sandwich?.function ?? null}
          queryVersion={s.queryVersion}
          error={s.tableError}
          onSort={actions.setSort}
          onSelect={onSelect}
          onEndReached={onEndReached}
        />
        <div className="profile-side-panel">
          <div className="tabs profile-tabs">
            <button type="button" className={side === 'groups' ? 'tab active' : 'tab'} onClick={() => setSide('groups')} data-testid="tab-groups">
              Packages
            </button>
            <button type="button" className={side === 'sandwich' ? 'tab active' : 'tab'} onClick={() => setSide('sandwich')} disabled={s.selectedFunction === null} data-testid="tab-sandwich">
              Callers / callees
            </button>
            {s.groupFilter && (
              <button type="button" className="link-btn profile-filter-clear" onClick={() => actions.setGroupFilter(null)} data-testid="group-filter-clear">
                Show all functions
              </button>
            )}
          </div>
          {side === 'sandwich' && s.selectedFunction !== null ? (
            <SandwichPanel sandwich={s.sandwich} error={s.sandwichError} search={s.search} percentBase={percentBase} onSelect={onSelect} onClose={() => actions.selectFunction(null)} />
          ) : (
            <GroupBreakdown groups={s.groups} filter={s.groupFilter} onFilter={actions.setGroupFilter} />
          )}
        </div>
      </div>
    </div>
  )
}
