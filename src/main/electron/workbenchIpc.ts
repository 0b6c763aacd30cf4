// The Electron end of the API contract, derived from it: one ipcMain handler per request name
// and one webContents channel per event name, all under `ipcPrefix`. No hand-written channels.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { eventNames, ipcPrefix, requestNames, type ApiEvents, type EventName, type IpcEnvelope } from '../../shared/api'
import { toUserErrorPayload } from '../../shared/userError'


export interface IpcWorkbench {
  dispatch(name: unknown, params: unknown): Promise<unknown>
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void
}

/**
 * Wires the workbench to one window. `isOwnPage` decides whether a URL is the app's own page;
 * requests from any other frame (an iframe, a page the window was somehow navigated to) are refused.
 * Returns a function that removes every handler and subscription.
 */
export function connectWorkbenchIpc(workbench: IpcWorkbench, window: BrowserWindow, isOwnPage: (url: string) => boolean): () => void {
  const isTrustedSender = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame
    if (window.isDestroyed() || !frame) return false
    return frame === window.webContents.mainFrame && isOwnPage(frame.url)
  }

  for (const name of requestNames) {
    ipcMain.handle(ipcPrefix + name, async (event, params: unknown): Promise<IpcEnvelope> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: `request ${name} refused: it did not come from the Spyglass window` } }
      }
      try {
        return { ok: true, result: (await workbench.dispatch(name, params)) ?? null }
      } catch (error) {
        return { ok: false, error: toUserErrorPayload(error) }
      }
    })
  }

  const unsubscribers = eventNames.map((name) =>
    workbench.on(name, (payload: unknown) => {
      if (!window.isDestroyed()) window.webContents.send(ipcPrefix + name, payload)
    })
  )

  return () => {
    for (const name of requestNames) ipcMain.removeHandler(ipcPrefix + name)
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}
