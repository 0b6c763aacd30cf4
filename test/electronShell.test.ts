// The Electron IPC wiring and the preload, with `electron` replaced by a small in-memory IPC
// (the binary cannot run here). What is checked is ours: handlers derived from the contract,
// the sender check, the envelope, and a preload that exposes exactly the contract's names.
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { eventNames, ipcPrefix, requestNames, type WorkbenchApi } from '../src/shared/api'
import { UserError } from '../src/shared/userError'
import type { IpcWorkbench } from '../src/main/electron/workbenchIpc'

type Handler = (event: unknown, params: unknown) => Promise<unknown>
const ipc = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  rendererListeners: new Map<string, Set<(event: unknown, payload: unknown) => void>>(),
  exposed: new Map<string, unknown>(),
  /** What the fake ipcRenderer.invoke answers, set per test. */
  answer: (_channel: string, _params: unknown): unknown => undefined
}))

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => ipc.handlers.set(channel, handler),
    removeHandler: (channel: string) => ipc.handlers.delete(channel)
  },
  ipcRenderer: {
    invoke: async (channel: string, params: unknown) => ipc.answer(channel, params),
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      const set = ipc.rendererListeners.get(channel) ?? new Set()
      set.add(listener)
      ipc.rendererListeners.set(channel, set)
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => ipc.rendererListeners.get(channel)?.delete(listener)
  },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => ipc.exposed.set(key, value) },
  webUtils: { getPathForFile: (file: File) => `/dropped/${file.name}` }
}))

const { connectWorkbenchIpc } = await import('../src/main/electron/workbenchIpc')

function fakeWindow() {
  const mainFrame = { url: 'file:///app/out/renderer/index.html' }
  const sent: Array<[string, unknown]> = []
  return {
    mainFrame,
    sent,
    window: { isDestroyed: () => false, webContents: { mainFrame, send: (channel: string, payload: unknown) => sent.push([channel, payload]) } }
  }
}

function fakeWorkbench() {
  const events = new EventEmitter()
  return {
    events,
    dispatch: vi.fn(async (name: unknown, params: unknown) => {
      if (name === 'targets.detach') throw new UserError('UNKNOWN_TARGET', 'no target t9')
      if (name === 'app.info') return { name: 'Spyglass', params }
      return undefined
    }),
    on: ((event: string, listener: (payload: unknown) => void) => {
      events.on(event, listener)
      return () => void events.off(event, listener)
    }) as IpcWorkbench['on']
  }
}

const isOwnPage = (url: string): boolean => url === 'file:///app/out/renderer/index.html'

describe('Electron IPC', () => {
  beforeEach(() => ipc.handlers.clear())

  it('registers exactly one prefixed handler per request name and removes them again', () => {
    const { window } = fakeWindow()
    const disconnect = connectWorkbenchIpc(fakeWorkbench(), window as never, isOwnPage)
    expect([...ipc.handlers.keys()].sort()).toEqual(requestNames.map((n) => ipcPrefix + n).sort())
    disconnect()
    expect(ipc.handlers.size).toBe(0)
  })

  it('answers the main frame of our page with an envelope', async () => {
    const { window, mainFrame } = fakeWindow()
    const workbench = fakeWorkbench()
    connectWorkbenchIpc(workbench, window as never, isOwnPage)
    const ok = await ipc.handlers.get(`${ipcPrefix}app.info`)!({ senderFrame: mainFrame }, null)
    expect(ok).toEqual({ ok: true, result: { name: 'Spyglass', params: null } })
    const failed = await ipc.handlers.get(`${ipcPrefix}targets.detach`)!({ senderFrame: mainFrame }, { targetId: 't9' })
    expect(failed).toEqual({ ok: false, error: { code: 'UNKNOWN_TARGET', message: 'no target t9' } })
  })

  it('refuses other frames, a navigated main frame and a missing frame without running the request', async () => {
    const { window, mainFrame } = fakeWindow()
    const workbench = fakeWorkbench()
    connectWorkbenchIpc(workbench, window as never, isOwnPage)
    const handler = ipc.handlers.get(`${ipcPrefix}app.info`)!
    const iframe = { url: 'file:///app/out/renderer/index.html' }
    for (const senderFrame of [iframe, null]) {
      expect(await handler({ senderFrame }, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    }
    mainFrame.url = 'https://evil.example/'
    expect(await handler({ senderFrame: mainFrame }, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    expect(workbench.dispatch).not.toHaveBeenCalled()
  })

  it('forwards every contract event to the window under the prefix', () => {
    const { window, sent } = fakeWindow()
    const workbench = fakeWorkbench()
    connectWorkbenchIpc(workbench, window as never, isOwnPage)
    for (const name of eventNames) workbench.events.emit(name, { from: name })
    expect(sent).toEqual(eventNames.map((name) => [ipcPrefix + name, { from: name }]))
  })
})

describe('preload', () => {
  it('exposes invoke and on only, for the contract names, unwrapping envelopes', async () => {
    await import('../src/preload/index')
    const api = ipc.exposed.get('spyglass') as WorkbenchApi
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on'])

    ipc.answer = (channel) => (channel === `${ipcPrefix}app.info` ? { ok: true, result: { name: 'Spyglass' } } : { ok: false, error: { code: 'UNKNOWN_TARGET', message: 'gone' } })
    await expect(api.invoke('app.info', undefined)).resolves.toEqual({ name: 'Spyglass' })
    await expect(api.invoke('targets.detach', { targetId: 'x' })).rejects.toEqual({ code: 'UNKNOWN_TARGET', message: 'gone' })
    await expect(api.invoke('fs.read' as never, undefined as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect(() => api.on('ipc.raw' as never, () => undefined)).toThrow(/unknown event/)

    const seen: unknown[] = []
    const off = api.on('settings.changed', (payload) => seen.push(payload))
    for (const listener of ipc.rendererListeners.get(`${ipcPrefix}settings.changed`) ?? []) listener({ sender: 'ipcRenderer' }, { theme: 'dark' })
    off()
    expect(seen).toEqual([{ theme: 'dark' }])
    expect(ipc.rendererListeners.get(`${ipcPrefix}settings.changed`)?.size).toBe(0)
  })

  it('exposes only the path of a dropped file besides the contract', async () => {
    await import('../src/preload/index')
    expect([...ipc.exposed.keys()].sort()).toEqual(['spyglass', 'spyglassFiles'])
    const files = ipc.exposed.get('spyglassFiles') as { pathOf(file: unknown): string }
    expect(Object.keys(files)).toEqual(['pathOf'])
    expect(files.pathOf(new File(['PK'], 'run.spyglass'))).toBe('/dropped/run.spyglass')
    expect(() => files.pathOf('/etc/passwd')).toThrow(TypeError)
  })
})
