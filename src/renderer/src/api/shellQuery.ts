// Which shell the page runs in (the desktop app or the browser), asked of the workbench once:
// stores that save or import files choose between native dialogs and downloads/uploads by it.
import type { AppInfo, WorkbenchApi } from '../../../shared/api'

/**
 * A function that answers the shell, asking `app.info` at most once at a time; a failed ask is
 * forgotten so that the next call tries again. `known` answers at once when a store already
 * holds the shell; `learned` hands it to the store.
 */
export function shellQuery(api: WorkbenchApi, known: () => AppInfo['shell'] | null = () => null, learned: (shell: AppInfo['shell']) => void = () => undefined): () => Promise<AppInfo['shell']> {
  let asked: Promise<AppInfo['shell']> | null = null
  return () => {
    const have = known()
    if (have) return Promise.resolve(have)
    asked ??= api.invoke('app.info', undefined).then(
      (info) => {
        learned(info.shell)
        return info.shell
      },
      (error: unknown) => {
        asked = null
        throw error
      }
    )
    return asked
  }
}
