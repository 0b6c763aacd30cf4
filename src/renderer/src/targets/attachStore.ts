import { createStore, type StoreApi } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import type { AttachRequest, LocalNodeProcess } from '../../../shared/targetTypes'
import { errorMessage } from '../api/apiError'
import { splitCommandLine } from './commandLine'
import type { TargetsStore } from './targetsStore'

export const attachTabs = ['processes', 'port', 'ws', 'launch'] as const
export type AttachTab = (typeof attachTabs)[number]

export interface AttachState {
  open: boolean
  tab: AttachTab
  processes: LocalNodeProcess[]
  processesState: 'idle' | 'loading' | 'loaded'
  processesError: string | null
  port: string
  wsUrl: string
  command: string
  /** What is being attached to right now (a pid or the tab), for the busy indicator. */
  pending: string | null
  /** The last failed attach, one line, shown inside the dialog. */
  error: string | null
}

export interface AttachActions {
  show(tab?: AttachTab): void
  hide(): void
  setTab(tab: AttachTab): void
  setField(field: 'port' | 'wsUrl' | 'command', value: string): void
  refreshProcesses(): Promise<void>
  attachPid(pid: number): Promise<boolean>
  /** Attach with the current tab's field; returns whether it worked. */
  submit(): Promise<boolean>
}

export type AttachStore = StoreApi<AttachState & AttachActions>

/** The request for a tab's field, or a one-line reason it is not valid yet. */
export function requestFor(tab: Exclude<AttachTab, 'processes'>, state: Pick<AttachState, 'port' | 'wsUrl' | 'command'>): AttachRequest | string {
  if (tab === 'port') {
    const text = state.port.trim()
    const port = Number(text)
    if (!/^\d+$/.test(text) || port < 1 || port > 65535) return 'enter a port number between 1 and 65535'
    return { kind: 'port', port }
  }
  if (tab === 'ws') {
    const url = state.wsUrl.trim()
    if (!/^wss?:\/\/\S+$/.test(url)) return 'enter a ws:// URL, like ws://127.0.0.1:9229/<id>'
    return { kind: 'ws', url }
  }
  let command: string[]
  try {
    command = splitCommandLine(state.command)
  } catch (error) {
    return errorMessage(error)
  }
  if (command.length === 0) return 'enter a command line, like node server.js --port 3000'
  return { kind: 'launch', command }
}

export function createAttachStore(api: WorkbenchApi, targets: TargetsStore): AttachStore {
  return createStore<AttachState & AttachActions>()((set, get) => {
    const attach = async (request: AttachRequest, pending: string): Promise<boolean> => {
      set({ pending, error: null })
      try {
        await targets.getState().attach(request)
        set({ open: false, pending: null })
        return true
      } catch (error) {
        set({ pending: null, error: errorMessage(error) })
        return false
      }
    }

    return {
      open: false,
      tab: 'processes',
      processes: [],
      processesState: 'idle',
      processesError: null,
      port: '9229',
      wsUrl: '',
      command: '',
      pending: null,
      error: null,

      show(tab) {
        set({ open: true, tab: tab ?? get().tab, error: null })
        if (get().tab === 'processes') void get().refreshProcesses()
      },

      hide() {
        set({ open: false, error: null })
      },

      setTab(tab) {
        set({ tab, error: null })
        if (tab === 'processes' && get().processesState === 'idle') void get().refreshProcesses()
      },

      setField(field, value) {
        set({ [field]: value, error: null } as Partial<AttachState>)
      },

      async refreshProcesses() {
        set({ processesState: 'loading', processesError: null })
        try {
          const processes = await api.invoke('targets.discover', undefined)
          set({ processes, processesState: 'loaded' })
        } catch (error) {
          set({ processesState: 'loaded', processesError: errorMessage(error) })
        }
      },

      attachPid(pid) {
        return attach({ kind: 'pid', pid }, `pid:${pid}`)
      },

      async submit() {
        const tab = get().tab
        if (tab === 'processes') return false
        const request = requestFor(tab, get())
        if (typeof request === 'string') {
          set({ error: request })
          return false
        }
        return attach(request, tab)
      }
    }
  })
}
