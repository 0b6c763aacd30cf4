import { useEffect } from 'react'
import type { WorkbenchModel } from '../stores/model'
import { views } from '../views/registry'
import { shortcutFor, typingIn } from './shortcuts'

export { isMac, modKey } from './shortcuts'

export function useShortcuts(model: WorkbenchModel): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const action = shortcutFor(e, typingIn(e.target))
      if (!action) return
      const ui = model.ui.getState()
      const attach = model.attach.getState()
      switch (action.kind) {
        case 'escape':
          if (ui.helpOpen) ui.setHelp(false)
          else if (attach.open) attach.hide()
          else if (ui.targetMenuOpen) ui.setTargetMenu(false)
          else return
          break
        case 'attach':
          ui.setHelp(false)
          attach.show()
          break
        case 'search':
          ui.requestSearchFocus()
          break
        case 'clear': {
          const id = model.targets.getState().selectedId
          if (id) void model.console.getState().clear(id)
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
