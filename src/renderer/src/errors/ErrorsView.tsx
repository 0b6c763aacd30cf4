import { useCallback, useEffect, useMemo, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useErrors, useModel, useTargets, useUi } from '../workbench/modelContext'
import { modKey } from '../hooks/useShortcuts'
import { useNow } from '../hooks/useNow'
import { filterActive } from './errorsStore'
import { rootTargetId } from '../sessions/sessionFacts'
import type { ViewProps } from '../workbench/views'
import { formatCount } from '../console/format'
import { ErrorGroupDetailPane } from './ErrorGroupDetailPane'
import { ErrorGroupList } from './ErrorGroupList'
import { ErrorRateChart } from './ErrorRateChart'
import { ErrorsToolbar } from './ErrorsToolbar'
import { bucketCount } from './rateChartOption'

/** A live chart's time axis runs on to now in steps this long (not every second: a tooltip being read stays put). */
const chartStepMs = 5000

/** The error groups of the selected target's process: the presenter's state wired into chart, list and detail. */
export function ErrorsView({ targetId, readOnly }: ViewProps) {
  const model = useModel()
  const actions = model.errors.getState()
  const targets = useTargets((s) => s.targets)
  const processId = useMemo(() => rootTargetId(targets, targetId), [targets, targetId])
  const root = targets.find((t) => t.id === processId)
  const cwd = root?.cwd ?? targets.find((t) => t.id === targetId)?.cwd ?? null

  useEffect(() => {
    const errors = model.errors.getState()
    errors.show(targetId, processId)
    return () => errors.hide()
  }, [model, targetId, processId])

  const s = useErrors(
    useShallow((st) => ({
      sort: st.sort,
      categories: st.categories,
      severities: st.severities,
      search: st.search,
      queryVersion: st.queryVersion,
      status: st.status,
      loadError: st.loadError,
      groups: st.groups,
      total: st.total,
      occurrences: st.occurrences,
      rate: st.rate,
      selected: st.selected,
      detail: st.detail,
      detailError: st.detailError
    }))
  )
  const focusRequest = useUi((u) => u.focusSearchRequest)
  // Relative times ("5s ago") move on while the target runs; a recording's stay put.
  const now = useNow(!readOnly)
  const buckets = bucketCount(s.rate)
  const filtered = filterActive(s)

  const threadName = useCallback(
    (id: string): string => {
      if (id === processId) return 'main thread'
      const t = targets.find((x) => x.id === id)
      return t ? `worker ${t.title}` : 'a worker'
    },
    [targets, processId]
  )
  const onSelect = useCallback((fingerprint: string | null) => model.errors.getState().select(fingerprint), [model])
  const onEndReached = useCallback(() => void model.errors.getState().loadMore(), [model])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape' && s.selected) {
      e.stopPropagation()
      e.nativeEvent.stopImmediatePropagation()
      actions.select(null)
    }
  }

  const noErrors = s.status === 'loaded' && s.occurrences === 0 && !s.loadError
  const empty =
    s.status !== 'loaded' ? (
      'Loading error groups…'
    ) : s.occurrences === 0 ? (
      readOnly ? (
        'This session recorded no errors.'
      ) : (
        'No errors so far — this view fills as the target throws or logs errors.'
      )
    ) : (
      <>
        No groups match the filter ({formatCount(s.occurrences)} {s.occurrences === 1 ? 'error' : 'errors'} in all).{' '}
        <button type="button" className="link-btn" onClick={actions.clearFilters}>
          Clear filters
        </button>
      </>
    )

  return (
    <div className="errors-view" data-testid="errors-view" onKeyDown={onKeyDown}>
      <ErrorsToolbar
        sort={s.sort}
        categories={s.categories}
        severities={s.severities}
        search={s.search}
        filtered={filtered}
        total={s.total}
        occurrences={s.occurrences}
        focusRequest={focusRequest}
        modKey={modKey}
        onSort={actions.setSort}
        onToggleCategory={actions.toggleCategory}
        onToggleSeverity={actions.toggleSeverity}
        onSearch={actions.setSearch}
        onClearFilters={actions.clearFilters}
      />
      {s.loadError && (
        <div className="inline-error slim" data-testid="errors-load-error">
          Could not load error groups: {s.loadError}
        </div>
      )}
      {!noErrors && <ErrorRateChart series={s.rate} end={readOnly ? 0 : Math.ceil(now / chartStepMs) * chartStepMs} filtered={filtered} />}
      <div className="errors-split">
        <ErrorGroupList
          groups={s.groups}
          total={s.total}
          selected={s.selected}
          now={now}
          cwd={cwd}
          buckets={buckets}
          queryVersion={s.queryVersion}
          empty={empty}
          onSelect={onSelect}
          onEndReached={onEndReached}
        />
        {s.selected && (
          <ErrorGroupDetailPane
            key={s.selected}
            detail={s.detail}
            error={s.detailError}
            now={now}
            cwd={cwd}
            threadName={threadName}
            onClose={() => actions.select(null)}
          />
        )}
      </div>
    </div>
  )
}
