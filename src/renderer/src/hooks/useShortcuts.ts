import { useEffect } from 'react'
import type { WorkbenchModel } from '../workbench/workbenchModel'
import { views } from '../workbench/views'
import { debugShortcutFor, shortcutFor, typingIn } from './shortcuts'

export { isMac, modKey } from './shortcuts'

export function useShortcuts(model: WorkbenchModel): void {
  useEffect(() => {
    // In the desktop app the menu owns Open/Save Session (its accelerators reach the page as app.command).
    const menuHasSessionKeys = model.client.transport === 'ipc'
    const onKey = (e: KeyboardEvent): void => {
      // F8 / F10 / F11 / Shift+F11 work from every view, text fields included (F-keys type nothing).
      const debugCommand = debugShortcutFor(e)
      if (debugCommand) {
        e.preventDefault()
        model.runDebugCommand(debugCommand)
        return
      }
      const action = shortcutFor(e, typingIn(e.target))
      if (!action) return
      if (menuHasSessionKeys && (action.kind === 'openSession' || action.kind === 'saveSession')) return
      const ui = model.ui.getState()
      const attach = model.attach.getState()
      switch (action.kind) {
        case 'escape':
          if (ui.helpOpen) ui.setHelp(false)
          else if (attach.open) attach.hide()
          else if (ui.targetMenuOpen) ui.setTargetMenu(false)
          else if (model.sessions.getState().openMenu) model.sessions.getState().setOpenMenu(false)
          else return
          break
        case 'attach':
          model.runCommand({ command: 'openAttach' })
          break
        case 'openSession':
          model.runCommand({ command: 'openSession' })
          break
        case 'saveSession':
          model.runCommand({ command: 'saveSession' })
          break
        case 'search':
          ui.requestSearchFocus()
          break
        case 'clear': {
          // Clears the console only where the console is in view (not under the Errors view, say).
          if (ui.activeView !== 'console') return
          const { selectedId, targets } = model.targets.getState()
          // A session opened from a file is read-only.
          if (!selectedId || targets.find((t) => t.id === selectedId)?.state === 'recorded') return
          void model.console.getState().clear(selectedId)
          break
        }
        case 'view': {
          const view = views[action.index]
          if (!view) return
          ui.showView(view.id)
          break
        }
        case 'help':
          ui.setHelp(!ui.helpOpen)
          break
      }
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [model])
}
