import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Breakpoint, PausedState } from '../../../shared/debuggerTypes'
import type { OpenSource } from './debuggerStore'
import { useModel, useTargets, useUi } from '../workbench/modelContext'
import { debugShortcutFor } from '../hooks/shortcuts'
import { breakpointAtLine, executionIn, lineMarks, selectedFrame } from './debuggerFacts'
import { rootTargetId } from '../sessions/sessionFacts'
import type { ViewProps } from '../workbench/views'
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
import type { BreakpointMark } from './editor/breakpointGutter'
import type { ExecutionMark } from './editor/executionLine'
import { useDebugger, useDebuggerStore } from './useDebugger'
import { useVariableContext } from './variableContext'
import '../styles/sources.css'

interface EditingBreakpoint {
  line: number
  anchor: { left: number; top: number; bottom: number }
}

/** Sources and the debugger for the selected target (a process or one of its workers). */
export function SourcesView({ targetId, readOnly }: ViewProps) {
  const model = useModel()
  const store = useDebuggerStore()
  const actions = store.getState()
  useEffect(() => {
    const s = store.getState()
    const { targets } = model.targets.getState()
    const root = rootTargetId(targets, targetId)
    const threads = targets.filter((t) => t.state === 'attached' && rootTargetId(targets, t.id) === root).map((t) => t.id)
    s.show(targetId, readOnly, threads)
    return () => s.hide()
  }, [model, store, targetId, readOnly])

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
      options: st.options,
      paused: st.paused,
      frameIndex: st.frameIndex,
      evaluations: st.evaluations,
      otherPauses: st.otherPauses,
      actionError: st.actionError,
      history: st.history,
      historyError: st.historyError
    }))
  )
  const targets = useTargets((t) => t.targets)
  const target = targets.find((x) => x.id === targetId) ?? null
  // Other threads of this process stopped at a breakpoint: the user is offered to go there.
  const pausedThreads = useMemo(() => {
    const root = rootTargetId(targets, targetId)
    return targets.filter((t) => t.id !== targetId && s.otherPauses[t.id] && rootTargetId(targets, t.id) === root)
  }, [targets, targetId, s.otherPauses])
  const focusRequest = useUi((u) => u.focusSearchRequest)
  const ctx = useVariableContext(store)
  const [editing, setEditing] = useState<EditingBreakpoint | null>(null)
  const [shownStop, setShownStop] = useState<number | null>(null)
  useEffect(() => setShownStop(null), [targetId])
  // The targets list knows first when a target detaches or exits: the controls follow it.
  const live = !readOnly && s.attached && target?.state === 'attached'

  // F8 / F10 / F11 / Shift+F11 while this view is shown.
  useEffect(() => {
    if (readOnly) return
    const onKey = (e: KeyboardEvent): void => {
      const command = debugShortcutFor(e)
      if (!command) return
      e.preventDefault()
      const st = store.getState()
      if (command === 'resumeOrPause') void st.resumeOrPause()
      else void st.step(command === 'stepOver' ? 'over' : command === 'stepInto' ? 'into' : 'out')
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store, readOnly])

  const openUrl = s.open?.url ?? null
  const marks = useMemo<BreakpointMark[]>(() => (openUrl ? lineMarks(s.breakpoints, openUrl, targetId) : []), [s.breakpoints, openUrl, targetId])
  const execution = useMemo<ExecutionMark | null>(
    () => (s.open ? executionIn(s.paused, s.frameIndex, s.open.url ?? '') ?? scriptExecution(s.paused, s.frameIndex, s.open.key) : null),
    [s.paused, s.frameIndex, s.open]
  )
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

  const onOpenBreakpoint = useCallback(
    (bp: Breakpoint) => {
      const at = bp.locations.find((l) => l.targetId === targetId) ?? bp.locations[0]
      const url = at?.location.url ?? bp.url
      const line = at?.location.line ?? bp.line ?? undefined
      if (url) void store.getState().openSource({ url }, line)
    },
    [store, targetId]
  )
  const onEditBreakpoint = useCallback(
    (line: number, anchor: EditingBreakpoint['anchor']) => {
      if (!readOnly && store.getState().open?.url) setEditing({ line, anchor })
    },
    [store, readOnly]
  )
  const editingBreakpoint = editing && openUrl ? breakpointAtLine(s.breakpoints, openUrl, targetId, editing.line) : null

  const openSource = s.open?.status === 'loaded' ? s.open.source : null
  // A recorded stop shown in its file marks its line like a pause would.
  const stop = readOnly && shownStop !== null ? (s.history?.[shownStop] ?? null) : null
  const stopMark = useMemo<ExecutionMark | null>(
    () => (stop?.location && s.open?.url === stop.location.url ? { line: stop.location.line, column: stop.location.column, top: true, exception: null } : null),
    [stop, s.open?.url]
  )
  // The list's name for the file (relative to the target's working dir), else its url.
  const openName = s.open ? (s.sources.find((x) => x.url === s.open?.url)?.name ?? s.open.url ?? s.open.key) : null
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
        {pausedThreads.map((thread) => (
          <div key={thread.id} className="thread-paused" data-testid="thread-paused">
            <span className="ellipsis">
              {thread.parentId ? thread.title : 'The main thread'} is paused: {s.otherPauses[thread.id]?.description}
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
              onToggleBreakpoint={(line) => void store.getState().toggleLineBreakpoint(line)}
              onEditBreakpoint={onEditBreakpoint}
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
                selected={shownStop}
                onOpen={(index, entry) => {
                  setShownStop(index)
                  void actions.openHistoryEntry(entry)
                }}
              />
            </DebugSection>
          )}
          <DebugSection title="Breakpoints" testId="section-breakpoints">
            <BreakpointList
              breakpoints={s.breakpoints}
              readOnly={readOnly}
              onOpen={onOpenBreakpoint}
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
      {editing && (
        <BreakpointEditor
          key={`${editing.line}:${editingBreakpoint?.id ?? 'new'}`}
          line={editing.line}
          breakpoint={editingBreakpoint}
          anchor={editing.anchor}
          onSave={(settings) => {
            void actions.saveLineBreakpoint(editing.line, settings)
            setEditing(null)
          }}
          onRemove={() => {
            if (editingBreakpoint) void actions.removeBreakpoint(editingBreakpoint.id)
            setEditing(null)
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  )
}

/** What the source pane says while it shows no file. */
function placeholderText(open: OpenSource | null, readOnly: boolean, noFiles: boolean): string {
  if (open?.status === 'loading') return 'Loading…'
  if (open?.status === 'error') return `Could not read this file: ${open.message}`
  if (readOnly && noFiles) return 'This recording holds no source files; where it stopped and its breakpoints with their hits are on the right.'
  if (readOnly) return 'Pick a place it stopped on the right, or a file on the left, to read it.'
  return 'Pick a file on the left, then click a line number to add a breakpoint.'
}

/** A script without a url (eval) is opened by its id: the execution line of its frame shows there too. */
function scriptExecution(paused: PausedState | null, frameIndex: number, key: string): ExecutionMark | null {
  const frame = selectedFrame(paused, frameIndex)
  if (!paused || !frame || frame.location.url || key !== `script:${frame.scriptId}`) return null
  return { line: frame.location.line, column: frame.location.column, top: frame === paused.callFrames[0], exception: null }
}

function DebugSection({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="debug-section" data-testid={testId}>
      <h3 className="debug-section-title">{title}</h3>
      <div className="debug-section-body">{children}</div>
    </section>
  )
}
