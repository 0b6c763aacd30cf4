import { createStore, type StoreApi } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import type { AttachRequest, TargetInfo } from '../../../shared/targetTypes'
import { errorMessage } from '../api/apiError'
import { isEnded, orderTargets } from './targetOrder'

export interface TargetsState {
  targets: TargetInfo[]
  selectedId: string | null
  loaded: boolean
  /** A request in flight that the UI should show as busy (launching the demo, detaching). */
  busy: 'launch' | 'detach' | 'remove' | null
  /** The last failed target action, as one line (attach failures are shown in the dialog instead). */
  actionError: string | null
}

export interface TargetsActions {
  refresh(): Promise<void>
  setTargets(targets: TargetInfo[]): void
  select(targetId: string | null): void
  /** Attach and select the new target; rejects with a one-line ApiError. */
  attach(request: AttachRequest): Promise<TargetInfo>
  launchDemo(): Promise<void>
  detach(targetId: string): Promise<void>
  remove(targetId: string): Promise<void>
  dismissError(): void
}

export type TargetsStore = StoreApi<TargetsState & TargetsActions>

/** The target to show when the selected one disappears: the newest live process, else the newest one. */
function fallbackSelection(targets: TargetInfo[]): string | null {
  const top = orderTargets(targets).filter((r) => r.depth === 0).map((r) => r.target)
  const byNewest = [...top].sort((a, b) => b.attachedAt - a.attachedAt)
  return (byNewest.find((t) => !isEnded(t.state)) ?? byNewest[0])?.id ?? null
}

export function createTargetsStore(api: WorkbenchApi): TargetsStore {
  return createStore<TargetsState & TargetsActions>()((set, get) => {
    const run = async (busy: TargetsState['busy'], what: string, action: () => Promise<void>): Promise<void> => {
      set({ busy, actionError: null })
      try {
        await action()
      } catch (error) {
        set({ actionError: `${what}: ${errorMessage(error)}` })
      } finally {
        set({ busy: null })
      }
    }
    const adopt = (target: TargetInfo): void => {
      // The target may arrive here before or after the targets.changed event that lists it.
      const targets = get().targets.some((t) => t.id === target.id) ? get().targets : [...get().targets, target]
      set({ targets, selectedId: target.id })
    }

    return {
      targets: [],
      selectedId: null,
      loaded: false,
      busy: null,
      actionError: null,

      async refresh() {
        try {
          get().setTargets(await api.invoke('targets.list', undefined))
        } catch (error) {
          set({ actionError: `Could not list targets: ${errorMessage(error)}` })
        }
      },

      setTargets(targets) {
        const selected = get().selectedId
        const keep = selected !== null && targets.some((t) => t.id === selected)
        set({ targets, loaded: true, selectedId: keep ? selected : fallbackSelection(targets) })
      },

      select(targetId) {
        set({ selectedId: targetId })
      },

      async attach(request) {
        const target = await api.invoke('targets.attach', request)
        adopt(target)
        return target
      },

      launchDemo() {
        return run('launch', 'Could not launch the demo', async () => adopt(await api.invoke('targets.launchDemo', undefined)))
      },

      detach(targetId) {
        return run('detach', 'Could not detach', () => api.invoke('targets.detach', { targetId }))
      },

      remove(targetId) {
        return run('remove', 'Could not remove the target', async () => {
          await api.invoke('targets.remove', { targetId })
          get().setTargets(get().targets.filter((t) => t.id !== targetId && t.parentId !== targetId))
        })
      },

      dismissError() {
        set({ actionError: null })
      }
    }
  })
}
