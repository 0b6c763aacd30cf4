// The session presenter wired into its views: each container reads the stores it needs and
// hands plain props to a component.
import { useCallback, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { TargetInfo } from '../../../shared/targetTypes'
import { useModel, useSessions, useTargets } from '../workbench/modelContext'
import { DropOverlay } from '../components/DropOverlay'
import { OpenSessionMenu } from './OpenSessionMenu'
import { RecordControls } from './RecordControls'
import { RecoveryBanner } from './RecoveryBanner'
import { HiddenFileInput } from '../components/HiddenFileInput'
import { SessionHeader } from './SessionHeader'
import { SessionProgressStrip, type ProgressItem } from './SessionProgressStrip'
import { useFileDrop } from '../hooks/useFileDrop'
import { modKey } from '../hooks/useShortcuts'
import { useNow } from '../hooks/useNow'
import { isHeapSnapshotName } from '../heap/heapStore'
import { isCpuProfileName } from '../profiler/profilerFacts'
import { needsSaving, progressFraction, progressLabel, rootTargetId, sessionOfTarget } from './sessionFacts'

export function RecordControlsContainer({ target }: { target: TargetInfo }) {
  const model = useModel()
  const session = useSessions((s) => sessionOfTarget(s.sessions, target))
  const targets = useTargets((s) => s.targets)
  const rootId = useMemo(() => rootTargetId(targets, target.id), [targets, target.id])
  const pending = useSessions((s) => (session ? s.pending[session.id] : undefined) ?? s.pending[rootId])
  const now = useNow(session?.state === 'recording')
  const actions = model.sessions.getState()
  return (
    <RecordControls
      target={target}
      session={session}
      now={now}
      pending={pending}
      modKey={modKey}
      onRecord={() => void actions.record(target.id)}
      onStop={() => session && void actions.stop(session.id)}
      onSave={() => session && void actions.save(session.id)}
    />
  )
}

export function SessionHeaderContainer({ target }: { target: TargetInfo }) {
  const model = useModel()
  const session = useSessions((s) => sessionOfTarget(s.sessions, target))
  const pending = useSessions((s) => (session ? s.pending[session.id] : undefined))
  const now = useNow(session?.state === 'recording')
  if (!session) return null
  return <SessionHeader session={session} now={now} pending={pending} onClose={() => void model.sessions.getState().close(session.id)} />
}

export function OpenSessionContainer() {
  const model = useModel()
  const s = useSessions(useShallow((st) => ({ open: st.openMenu, recent: st.recent, busy: st.opening !== null, sessions: st.sessions })))
  const unsaved = useMemo(() => s.sessions.filter(needsSaving), [s.sessions])
  // Current while the menu is open, so that "today" and a recovered session's duration are right.
  const now = useNow(s.open)
  const actions = model.sessions.getState()
  return (
    <OpenSessionMenu
      open={s.open}
      recent={s.recent}
      unsaved={unsaved}
      now={now}
      busy={s.busy}
      modKey={modKey}
      onMenu={actions.setOpenMenu}
      onOpenFile={() => void actions.openDialog()}
      onOpenRecent={(file) => void actions.openPath(file)}
      onForget={(file) => void actions.forgetRecent(file)}
      onSave={(id) => {
        actions.setOpenMenu(false)
        void actions.save(id)
      }}
    />
  )
}

export function RecoveryBannerContainer() {
  const model = useModel()
  const s = useSessions(useShallow((st) => ({ items: st.recoverable, pending: st.pending })))
  const now = useNow(false)
  const actions = model.sessions.getState()
  return <RecoveryBanner items={s.items} now={now} pending={s.pending} onRecover={(id) => void actions.recover(id)} onDiscard={(id) => void actions.discard(id)} />
}

export function SessionProgressContainer() {
  const s = useSessions(useShallow((st) => ({ progress: st.progress, opening: st.opening, sessions: st.sessions })))
  const items = useMemo(() => {
    const list: ProgressItem[] = s.progress.map((p) => ({ key: `${p.operation}:${p.subject}`, label: progressLabel(p, s.sessions), fraction: progressFraction(p) }))
    const opening = s.opening
    // Uploads have no engine progress; an open shows the engine's once it reports any.
    if (opening && (opening.phase === 'upload' || !s.progress.some((p) => p.operation === 'open'))) {
      list.push({ key: 'opening', label: `${opening.phase === 'upload' ? 'Uploading' : 'Opening'} ${opening.name}`, fraction: null })
    }
    return list
  }, [s.progress, s.opening, s.sessions])
  return <SessionProgressStrip items={items} />
}

/** The browser's hidden file input and drag-and-drop of .spyglass files onto the window. */
export function SessionFileInputs() {
  const model = useModel()
  const pickRequest = useSessions((s) => s.pickRequest)
  const onFile = useCallback((file: File) => void model.sessions.getState().openFile(file), [model])
  // A dropped CPU profile or heap snapshot is imported and shown in its view; anything else is a session.
  const onDrop = useCallback(
    (file: File) => {
      if (isHeapSnapshotName(file.name)) {
        model.ui.getState().showView('memory')
        return void model.heap.getState().importFile(file)
      }
      if (!isCpuProfileName(file.name)) return onFile(file)
      model.ui.getState().showView('profiler')
      void model.profiler.getState().importFile(file)
    },
    [model, onFile]
  )
  const dragging = useFileDrop(onDrop)
  return (
    <>
      <HiddenFileInput request={pickRequest} accept=".spyglass" onFile={onFile} testId="session-file-input" />
      {dragging && <DropOverlay />}
    </>
  )
}
