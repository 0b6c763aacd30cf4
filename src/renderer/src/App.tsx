import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAttach, useConsole, useModel, useSessions, useSettings, useTargets, useUi } from './workbench/modelContext'
import { AttachDialog } from './targets/AttachDialog'
import { ConnectionBanner, ErrorBar, type ErrorItem } from './components/Banners'
import { EmptyState } from './components/EmptyState'
import { HelpOverlay, shortcutList } from './components/HelpOverlay'
import { Sidebar } from './components/Sidebar'
import { TargetBar } from './targets/TargetBar'
import { modKey, useShortcuts } from './hooks/useShortcuts'
import { useNow } from './hooks/useNow'
import { useThemeSync } from './hooks/useThemeSync'
import {
  OpenSessionContainer,
  RecordControlsContainer,
  RecoveryBannerContainer,
  SessionFileInputs,
  SessionHeaderContainer,
  SessionProgressContainer
} from './sessions/SessionContainers'
import { orderTargets } from './targets/targetOrder'
import { findView, views } from './workbench/views'

export function App() {
  const model = useModel()
  useShortcuts(model)
  useThemeSync(model.settings)

  const ui = useUi(useShallow((s) => ({ activeView: s.activeView, helpOpen: s.helpOpen, menuOpen: s.targetMenuOpen, connection: s.connection })))
  const { targets, selectedId, loaded, busy } = useTargets(
    useShallow((s) => ({ targets: s.targets, selectedId: s.selectedId, loaded: s.loaded, busy: s.busy }))
  )
  const rows = useMemo(() => orderTargets(targets), [targets])
  const selected = targets.find((t) => t.id === selectedId) ?? null
  const theme = useSettings((s) => s.settings?.theme ?? 'system')
  const attachOpen = useAttach((s) => s.open)

  const view = findView(ui.activeView)
  const View = view.component
  const showEmpty = loaded && targets.length === 0 && view.needsTarget
  const shortcuts = useMemo(() => shortcutList(modKey, views.map((v) => v.title)), [])

  return (
    <div className="app">
      <ConnectionBanner state={ui.connection} />
      <TargetBar
        rows={rows}
        selected={selected}
        menuOpen={ui.menuOpen}
        busy={busy}
        modKey={modKey}
        onMenu={(open) => model.ui.getState().setTargetMenu(open)}
        onSelect={(id) => model.targets.getState().select(id)}
        onAttach={() => model.attach.getState().show()}
        onDetach={(id) => void model.targets.getState().detach(id)}
        onRemove={(id) => void model.targets.getState().remove(id)}
        recordControls={selected && <RecordControlsContainer target={selected} />}
        openControl={<OpenSessionContainer />}
      />
      <SessionProgressContainer />
      <RecoveryBannerContainer />
      <div className="app-body">
        <Sidebar
          entries={views}
          activeId={view.id}
          onSelect={(id) => model.ui.getState().showView(id)}
          theme={theme}
          onCycleTheme={() => void model.settings.getState().cycleTheme()}
          onHelp={() => model.ui.getState().setHelp(true)}
          connection={ui.connection}
          transport={model.client.transport}
          modKey={modKey}
        />
        <main className="view" data-testid={`view-body-${view.id}`}>
          {showEmpty ? (
            <EmptyStateContainer launching={busy === 'launch'} />
          ) : view.needsTarget && !selected ? (
            <div className="view-empty muted">{loaded ? 'Select a target.' : 'Loading…'}</div>
          ) : (
            <>
              {selected && <SessionHeaderContainer target={selected} />}
              <View key={selected?.id ?? 'none'} targetId={selected?.id ?? ''} readOnly={selected?.state === 'recorded'} />
            </>
          )}
        </main>
      </div>
      <AppErrors />
      <SessionFileInputs />
      {attachOpen && <AttachDialogContainer />}
      {ui.helpOpen && <HelpOverlay shortcuts={shortcuts} onClose={() => model.ui.getState().setHelp(false)} />}
    </div>
  )
}

function EmptyStateContainer({ launching }: { launching: boolean }) {
  const model = useModel()
  const recent = useSessions((s) => s.recent)
  const now = useNow(false)
  const sessions = model.sessions.getState()
  return (
    <EmptyState
      launching={launching}
      modKey={modKey}
      recent={recent}
      now={now}
      onLaunchDemo={() => void model.targets.getState().launchDemo()}
      onAttach={() => model.attach.getState().show()}
      onOpenSession={() => void sessions.openDialog()}
      onOpenRecent={(file) => void sessions.openPath(file)}
      onForgetRecent={(file) => void sessions.forgetRecent(file)}
    />
  )
}

function AttachDialogContainer() {
  const model = useModel()
  const state = useAttach((s) => s)
  return <AttachDialog state={state} actions={model.attach.getState()} />
}

function AppErrors() {
  const model = useModel()
  const targetError = useTargets((s) => s.actionError)
  const consoleError = useConsole((s) => s.actionError)
  const settingsError = useSettings((s) => s.error)
  const sessionsError = useSessions((s) => s.error)
  const errors: ErrorItem[] = []
  if (targetError) errors.push({ id: 'targets', message: targetError, onDismiss: () => model.targets.getState().dismissError() })
  if (consoleError) errors.push({ id: 'console', message: consoleError, onDismiss: () => model.console.getState().dismissError() })
  if (sessionsError) errors.push({ id: 'sessions', message: sessionsError, onDismiss: () => model.sessions.getState().dismissError() })
  if (settingsError) errors.push({ id: 'settings', message: settingsError, onDismiss: () => model.settings.setState({ error: null }) })
  return <ErrorBar errors={errors} />
}
