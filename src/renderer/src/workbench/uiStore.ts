import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ConnectionState } from '../api/clientTypes'

export interface UiState {
  activeView: string
  helpOpen: boolean
  targetMenuOpen: boolean
  /** Bumped to ask the active view to focus its search box (Ctrl/Cmd+F). */
  focusSearchRequest: number
  connection: ConnectionState
}

export interface UiActions {
  showView(id: string): void
  setHelp(open: boolean): void
  setTargetMenu(open: boolean): void
  requestSearchFocus(): void
  setConnection(state: ConnectionState): void
}

export type UiStore = StoreApi<UiState & UiActions>

export function createUiStore(initialView: string, connection: ConnectionState): UiStore {
  return createStore<UiState & UiActions>()((set) => ({
    activeView: initialView,
    helpOpen: false,
    targetMenuOpen: false,
    focusSearchRequest: 0,
    connection,
    showView: (id) => set({ activeView: id }),
    setHelp: (open) => set({ helpOpen: open }),
    setTargetMenu: (open) => set({ targetMenuOpen: open }),
    requestSearchFocus: () => set((s) => ({ focusSearchRequest: s.focusSearchRequest + 1 })),
    setConnection: (state) => set({ connection: state })
  }))
}
