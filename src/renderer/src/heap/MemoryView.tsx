import { useCallback, useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { HeapLeak } from '../../../shared/heapTypes'
import { SearchBox } from '../components/SearchBox'
import { HiddenFileInput } from '../components/HiddenFileInput'
import { useUi } from '../workbench/modelContext'
import type { HeapTab } from './heapStore'
import type { ViewProps } from '../workbench/views'
import '../styles/memory.css'
import { AllocationPane } from './AllocationPane'
import { ConstructorTable } from './ConstructorTable'
import { DiffPanel } from './DiffPanel'
import { HeapTrendChart } from './HeapTrendChart'
import { LeakFinder } from './LeakFinder'
import { formatBytes } from '../../../shared/formatBytes'
import { ObjectDetailPane } from './ObjectDetailPane'
import { ObjectList } from './ObjectList'
import { SnapshotList } from './SnapshotList'
import { useHeap, useHeapStore } from './useHeap'

const tabs: Array<{ id: HeapTab; label: string }> = [
  { id: 'summary', label: 'Summary' },
  { id: 'comparison', label: 'Comparison' },
  { id: 'leaks', label: 'Leak finder' },
  { id: 'allocations', label: 'Allocations' }
]

/**
 * The heap: the target's heap over time with a leak verdict on top; snapshots on the left; the
 * selected snapshot's summary by constructor, a comparison of two, the leak finder or the
 * allocation sampler in the middle; one object's detail and retainer paths on the right.
 */
export function MemoryView({ targetId, readOnly }: ViewProps) {
  const store = useHeapStore()
  const actions = store.getState()
  const [pickRequest, setPickRequest] = useState(0)
  useEffect(() => {
    const memory = store.getState()
    memory.show(targetId || null, readOnly)
    return () => memory.hide()
  }, [store, targetId, readOnly])

  const s = useHeap(
    useShallow((st) => ({
      snapshots: st.snapshots,
      progress: st.progress,
      selectedId: st.selectedId,
      tab: st.tab,
      busy: st.busy,
      error: st.error,
      lastGc: st.lastGc,
      sort: st.sort,
      search: st.search,
      queryVersion: st.queryVersion,
      summary: st.summary,
      baseId: st.baseId,
      diff: st.diff,
      constructorName: st.constructorName,
      objects: st.objects,
      nodeId: st.nodeId,
      detail: st.detail,
      paths: st.paths,
      detailError: st.detailError,
      flow: st.flow,
      trend: st.trend,
      sampling: st.sampling,
      allocation: st.allocation
    }))
  )
  const focusRequest = useUi((u) => u.focusSearchRequest)
  const selected = s.snapshots.find((x) => x.id === s.selectedId) ?? null
  const live = targetId !== '' && !readOnly
  const onSummaryEnd = useCallback(() => void store.getState().loadMoreSummary(), [store])
  const onDiffEnd = useCallback(() => void store.getState().loadMoreDiff(), [store])
  const onObjectsEnd = useCallback(() => void store.getState().loadMoreObjects(), [store])
  const showLeak = (leak: HeapLeak): void => {
    const finalId = s.flow?.finalId
    if (finalId && leak.sampleNodeIds.length > 0) actions.selectObject(leak.sampleNodeIds[0], finalId)
  }

  const notReady = selected === null ? 'Take a snapshot or import one to see what the heap holds.' : selected.state === 'failed' ? `This snapshot could not be analysed: ${selected.error}` : 'Analysing the snapshot…'

  return (
    <div className="memory-view" data-testid="memory-view">
      <div className="memory-toolbar">
        <button type="button" className="btn primary" disabled={!live || s.busy !== null} onClick={() => void actions.take()} data-testid="take-snapshot">
          {s.busy === 'taking' ? 'Taking snapshot…' : 'Take snapshot'}
        </button>
        <button type="button" className="btn" disabled={s.busy !== null} onClick={() => setPickRequest((n) => n + 1)} data-testid="import-snapshot">
          Import…
        </button>
        <HiddenFileInput request={pickRequest} accept=".heapsnapshot" onFile={(file) => void actions.importFile(file)} testId="import-input" />
        <button type="button" className="btn" disabled={!live || s.busy !== null} onClick={() => void actions.collectGarbage()} data-testid="collect-garbage" title="Force a full garbage collection in the target">
          Collect garbage
        </button>
        {s.lastGc && (
          <span className="muted" data-testid="gc-freed">
            freed {formatBytes(s.lastGc.freedBytes)}
          </span>
        )}
        <div className="segmented memory-tabs" role="tablist">
          {tabs.map((t) => (
            <button key={t.id} type="button" role="tab" className={`segment${s.tab === t.id ? ' on' : ''}`} aria-selected={s.tab === t.id} data-testid={`memory-tab-${t.id}`} onClick={() => actions.setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
      </div>
      {s.error && (
        <div className="inline-error slim memory-error" data-testid="memory-error">
          <span>{s.error}</span>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={actions.dismissError}>
            ×
          </button>
        </div>
      )}
      {(live || (s.trend?.time.length ?? 0) > 0) && <HeapTrendChart trend={s.trend} />}
      <div className="memory-split">
        <aside className="memory-side">
          <SnapshotList snapshots={s.snapshots} progress={s.progress} selectedId={s.selectedId} baseId={s.tab === 'comparison' ? s.baseId : null} onSelect={actions.select} onRemove={(id) => void actions.remove(id)} onSave={(id) => void actions.exportSnapshot(id)} />
        </aside>
        <section className="memory-main">
          {(s.tab === 'summary' || s.tab === 'comparison') && (
            <div className="memory-search">
              <SearchBox value={s.search} placeholder="Filter constructors" onChange={actions.setSearch} focusRequest={focusRequest} testId="memory-search" />
            </div>
          )}
          {s.tab === 'summary' &&
            (selected?.state === 'ready' ? (
              <ConstructorTable
                page={s.summary}
                sort={s.sort}
                selected={s.constructorName}
                queryVersion={s.queryVersion}
                totalSize={selected.totalSize}
                onSort={actions.setSort}
                onSelect={actions.selectConstructor}
                onEndReached={onSummaryEnd}
              />
            ) : (
              <div className="list-empty muted" data-testid="memory-empty">
                {notReady}
              </div>
            ))}
          {s.tab === 'comparison' && (
            <DiffPanel
              snapshots={s.snapshots}
              after={selected}
              baseId={s.baseId}
              page={s.diff}
              selected={s.constructorName}
              queryVersion={s.queryVersion}
              onBase={actions.setBase}
              onSelect={actions.selectConstructor}
              onEndReached={onDiffEnd}
            />
          )}
          {(s.tab === 'summary' || s.tab === 'comparison') && s.constructorName !== null && (
            <ObjectList
              title={s.tab === 'comparison' ? `New ${s.constructorName} objects` : `${s.constructorName} objects`}
              page={s.objects}
              selected={s.nodeId}
              onSelect={(nodeId) => actions.selectObject(nodeId)}
              onEndReached={onObjectsEnd}
            />
          )}
          {s.tab === 'leaks' &&
            (live ? (
              <LeakFinder flow={s.flow} readOnly={readOnly} onNext={() => void actions.flowNext()} onReset={() => void actions.flowCancel()} onShowLeak={showLeak} />
            ) : (
              <div className="list-empty muted">The leak finder snapshots a live target: attach to one.</div>
            ))}
          {s.tab === 'allocations' &&
            (live ? (
              <AllocationPane
                sampling={s.sampling}
                profile={s.allocation}
                busy={s.busy !== null}
                readOnly={readOnly}
                onStart={() => void actions.startSampling()}
                onStop={() => void actions.stopSampling()}
              />
            ) : (
              <div className="list-empty muted">Allocation sampling runs on a live target: attach to one.</div>
            ))}
        </section>
        {s.nodeId !== null && (
          <ObjectDetailPane
            detail={s.detail}
            paths={s.paths}
            error={s.detailError}
            onClose={() => actions.selectObject(null)}
            onSelect={(nodeId) => actions.selectObject(nodeId, store.getState().detailSnapshotId ?? undefined)}
          />
        )}
      </div>
    </div>
  )
}
