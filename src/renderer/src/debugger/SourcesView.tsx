import { useCallback, useEffect, useMemo, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useModel, useTargets, useUi } from '../workbench/modelContext'
import type { ViewProps } from '../workbench/views'
import { breakpointAtLine, executionMark, lineMarks, openFileName, pausedThreads, placeholderText, recordedStopMark, selectedFrame } from './debuggerFacts'
import { BreakpointEditor } from './BreakpointEditor'
import { BreakpointList } from './BreakpointList'
import { CallStack } from './CallStack'
import { DebugToolbar } from './DebugToolbar'
import { EvaluatePane } from './EvaluatePane'
import { HoverValue } from './HoverValue'
import { RecordedStops } from './RecordedStops'
import { ScopesPane } from './ScopesPane'
import { SourceList } from './SourceList'
import { SourceEditor } from './editor/SourceEditor'
import { useDebugger, useDebuggerStore } from './useDebugger'
import { useVariableContext } from './variableContext'
import '../styles/sources.css'

/** Sources and the debugger for the selected target (a process or one of its workers). */
export function SourcesView({ targetId, readOnly }: ViewProps) {
  const model = useModel()
  const store = useDebuggerStore()
  const actions = store.getState()
  useEffect(() => {
    const s = store.getState()
    s.show(targetId, readOnly)
    return () => s.hide()
  }, [store, targetId, readOnly])

  const s = useDebugger(
    useShallow((st) => ({
      status: st.status,
      loadError: st.loadError,
      attached: st.attached,
      sources: st.sources,
      search: st.search,
      open: st.open,
      reveal: st.reveal,
      breakpoints: st.breakpoints,
      editing: st.editing,
      options: st.options,
      paused: st.paused,
      pauses: st.pauses,
      frameIndex: st.frameIndex,
      evaluations: st.evaluations,
      actionError: st.actionError,
      history: st.history,
      historyError: st.historyError,
      shownStop: st.shownStop
    }))
  )
  const targets = useTargets((t) => t.targets)
  const target = targets.find((x) => x.id === targetId) ?? null
  const threadsPaused = useMemo(() => pausedThreads(targets, targetId, s.pauses), [targets, targetId, s.pauses])
  const focusRequest = useUi((u) => u.focusSearchRequest)
  const ctx = useVariableContext(store)
  // The targets list knows first when a target detaches or exits: the controls follow it.
  const live = !readOnly && s.attached && target?.state === 'attached'

  const openUrl = s.open?.url ?? null
  const marks = useMemo(() => (openUrl ? lineMarks(s.breakpoints, openUrl, targetId) : []), [s.breakpoints, openUrl, targetId])
  const execution = useMemo(() => executionMark(s.paused, s.frameIndex, s.open), [s.paused, s.frameIndex, s.open])
  const stopMark = useMemo(() => (readOnly ? recordedStopMark(s.history, s.shownStop, openUrl) : null), [readOnly, s.history, s.shownStop, openUrl])
  const frame = selectedFrame(s.paused, s.frameIndex)
  const pausedId = s.paused?.pauseId ?? null

  const renderHover = useCallback(
    async (expression: string) => {
      const result = await store.getState().tryHoverValue(expression)
      return result ? <HoverValue store={store} expression={expression} value={result.value} /> : null
    },
    // A new pause gets a new function, so CodeMirror never shows a value of an older one.
    [store, pausedId]
  )

  const editingBreakpoint = s.editing && openUrl ? breakpointAtLine(s.breakpoints, openUrl, targetId, s.editing.line) : null
  const openSource = s.open?.status === 'loaded' ? s.open.source : null
  const openName = openFileName(s.open, s.sources)
  const threadLabel = target?.parentId ? target.title : 'main thread'

  return (
    <div
      className="sources-view"
      data-testid="sources-view"
      data-paused={s.paused ? 'true' : 'false'}
      data-paused-line={s.paused?.callFrames[0]?.location.line ?? undefined}
      data-pause-id={s.paused?.pauseId ?? undefined}
      data-paused-at={s.paused?.pausedAt ?? undefined}
    >
      <SourceList
        sources={s.sources}
        search={s.search}
        openKey={s.open?.key ?? null}
        loading={s.status !== 'loaded'}
        emptyText={readOnly ? 'The recording keeps no files.' : 'No files loaded yet.'}
        focusRequest={focusRequest}
        onSearch={actions.setSearch}
        onOpen={(url) => void actions.openSource({ url })}
      />
      <section className="sources-main">
        <header className="sources-file-bar">
          <span className="sources-file-title" title={s.open?.url ?? undefined} data-testid="open-file">
            {/* bdi: the title is cut at its start (right-to-left), yet its slashes stay where a path has them. */}
            <bdi>{openName ?? 'No file open'}</bdi>
          </span>
          {openSource?.kind === 'original' && <span className="source-file-tag">source-mapped</span>}
          <span className="sources-thread muted">{threadLabel}</span>
        </header>
        {s.loadError && (
          <div className="inline-error slim" data-testid="sources-load-error">
            Could not read the debugger state: {s.loadError}
          </div>
        )}
        {s.actionError && (
          <div className="inline-error slim sources-action-error" data-testid="debugger-action-error">
            <span className="ellipsis">{s.actionError}</span>
            <button type="button" className="icon-btn" aria-label="Dismiss" onClick={actions.dismissError}>
              ×
            </button>
          </div>
        )}
        {threadsPaused.map((thread) => (
          <div key={thread.id} className="thread-paused" data-testid="thread-paused">
            <span className="ellipsis">
              {thread.parentId ? thread.title : 'The main thread'} is paused: {s.pauses[thread.id]?.description}
            </span>
            <button type="button" className="btn small" onClick={() => model.targets.getState().select(thread.id)} data-testid="thread-paused-show">
              Show
            </button>
          </div>
        ))}
        <div className="sources-editor-wrap">
          {openSource && s.open ? (
            <SourceEditor
              docKey={s.open.key}
              text={openSource.text}
              typescript={openSource.language === 'typescript'}
              breakpoints={marks}
              execution={execution ?? stopMark}
              reveal={s.reveal}
              renderHover={s.paused && !readOnly ? renderHover : null}
              onToggleBreakpoint={(line) => void actions.toggleLineBreakpoint(line)}
              onEditBreakpoint={actions.editBreakpoint}
            />
          ) : (
            <div className="sources-placeholder muted" data-testid="sources-placeholder">
              {s.open?.status === 'location' ? (
                <div className="sources-location-only" data-testid="recorded-location">
                  <span className="mono">
                    {s.open.url}:{s.open.line}
                  </span>
                  <span>The recording holds no text of this file: only where it stopped.</span>
                </div>
              ) : (
                placeholderText(s.open, readOnly, s.status === 'loaded' && s.sources.length === 0)
              )}
            </div>
          )}
        </div>
      </section>
      <aside className="debug-pane" data-testid="debug-pane">
        {!readOnly && (
          <DebugToolbar
            paused={s.paused !== null}
            live={live}
            exceptions={s.options.exceptions}
            debuggerStatements={s.options.debuggerStatements}
            onResume={() => void actions.resume()}
            onPause={() => void actions.pause()}
            onStep={(action) => void actions.step(action)}
            onExceptions={(mode) => void actions.setPauseOnExceptions(mode)}
            onDebuggerStatements={(on) => void actions.setPauseOnDebuggerStatements(on)}
          />
        )}
        <div className={s.paused ? 'debug-status paused' : 'debug-status'} data-testid="debug-status">
          {readOnly ? 'Recorded session: read-only' : !live ? 'Not attached' : s.paused ? s.paused.description : 'Running'}
        </div>
        <div className="debug-sections">
          {s.paused && (
            <>
              <DebugSection title="Call stack" testId="section-call-stack">
                <CallStack frames={s.paused.callFrames} selected={s.frameIndex} onSelect={actions.selectFrame} />
              </DebugSection>
              <DebugSection title="Scope" testId="section-scopes">
                <ScopesPane frame={frame} returnValue={s.frameIndex === 0 ? s.paused.returnValue : null} ctx={ctx} />
              </DebugSection>
            </>
          )}
          {readOnly && (
            <DebugSection title="Where it stopped" testId="section-recorded-stops">
              <RecordedStops
                entries={s.history}
                error={s.historyError}
                selected={s.shownStop}
                onOpen={(index) => void actions.showStop(index)}
              />
            </DebugSection>
          )}
          <DebugSection title="Breakpoints" testId="section-breakpoints">
            <BreakpointList
              breakpoints={s.breakpoints}
              readOnly={readOnly}
              onOpen={(bp) => void actions.openBreakpoint(bp)}
              onEnable={(id, enabled) => void actions.setBreakpointEnabled(id, enabled)}
              onRemove={(id) => void actions.removeBreakpoint(id)}
              onRemoveAll={() => void actions.removeAllBreakpoints()}
              onAddFunction={(name) => void actions.addFunctionBreakpoint(name)}
            />
          </DebugSection>
          {!readOnly && (
            <DebugSection title="Evaluate" testId="section-evaluate">
              <EvaluatePane
                evaluations={s.evaluations}
                scope={frame?.callFrameId ? frame.functionName || '(anonymous)' : 'global scope'}
                disabled={!live}
                ctx={ctx}
                onEvaluate={(expression) => void actions.evaluate(expression)}
                onClear={actions.clearEvaluations}
              />
            </DebugSection>
          )}
        </div>
      </aside>
      {s.editing && (
        <BreakpointEditor
          key={`${s.editing.line}:${editingBreakpoint?.id ?? 'new'}`}
          line={s.editing.line}
          breakpoint={editingBreakpoint}
          anchor={s.editing.anchor}
          onSave={(settings) => void actions.saveEditedBreakpoint(settings)}
          onRemove={() => void actions.removeEditedBreakpoint()}
          onClose={actions.closeBreakpointEditor}
        />
      )}
    </div>
  )
}

function DebugSection({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="debug-section" data-testid={testId}>
      <h3 className="debug-section-title">{title}</h3>
      <div className="debug-section-body">{children}</div>
    </section>
  )
}
