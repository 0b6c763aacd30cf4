// The sandboxed preload: exposes `window.spyglass`, a WorkbenchApi limited to the contract's
// request and event names under `ipcPrefix`, and `window.spyglassFiles`, the one thing a page
// cannot learn by itself: the path of a file dropped on it. Raw ipcRenderer never reaches the page.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { ipcPrefix, isEventName, isRequestName, type FilePathBridge, type IpcEnvelope, type WorkbenchApi } from '../shared/api'
import { isUserErrorPayload } from '../shared/userError'

function isEnvelope(value: unknown): value is IpcEnvelope {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  return value.ok === true ? 'result' in value : 'error' in value && isUserErrorPayload(value.error)
}

// Rejections carry a plain {code, message}: contextBridge drops custom properties of Error objects.
const badRequest = (message: string): Promise<never> => Promise.reject<never>({ code: 'BAD_REQUEST', message })

const api: WorkbenchApi = {
  async invoke(name, params) {
    if (!isRequestName(name)) return badRequest(`unknown request ${JSON.stringify(name)}`)
    const envelope: unknown = await ipcRenderer.invoke(ipcPrefix + name, params)
    if (!isEnvelope(envelope)) return Promise.reject<never>({ code: 'INTERNAL', message: `malformed answer to ${name}` })
    if (!envelope.ok) return Promise.reject<never>({ code: envelope.error.code, message: envelope.error.message })
    return envelope.result as never
  },
  on(event, listener) {
    if (!isEventName(event) || typeof listener !== 'function') {
      throw new TypeError(`unknown event ${JSON.stringify(event)}`)
    }
    const channel = ipcPrefix + event
    // The IPC event object (which holds the sender) stays here; the page gets the payload only.
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload as never)
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  }
}

/** Only the path: the page passes it to `sessions.open`, and the workbench reads the file itself. */
const files: FilePathBridge<File> = {
  pathOf(file) {
    if (!(file instanceof File)) throw new TypeError('pathOf takes a File')
    return webUtils.getPathForFile(file)
  }
}

contextBridge.exposeInMainWorld('spyglass', api)
contextBridge.exposeInMainWorld('spyglassFiles', files)
