import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { WorkbenchModel } from './workbenchModel'
import type { AttachStore } from '../targets/attachStore'
import type { ConsoleStore } from '../console/consoleStore'
import type { ErrorsStore } from '../errors/errorsStore'
import type { SessionsStore } from '../sessions/sessionsStore'
import type { SettingsStore } from '../settings/settingsStore'
import type { TargetsStore } from '../targets/targetsStore'
import type { UiStore } from './uiStore'

export const ModelContext = createContext<WorkbenchModel | null>(null)

export function useModel(): WorkbenchModel {
  const model = useContext(ModelContext)
  if (!model) throw new Error('useModel outside ModelContext.Provider')
  return model
}

type StateOf<S> = S extends { getState(): infer T } ? T : never

// One hook per presenter; each takes a selector so a view re-renders only for what it reads.
export const useTargets = <T>(select: (s: StateOf<TargetsStore>) => T): T => useStore(useModel().targets, select)
export const useConsole = <T>(select: (s: StateOf<ConsoleStore>) => T): T => useStore(useModel().console, select)
export const useErrors = <T>(select: (s: StateOf<ErrorsStore>) => T): T => useStore(useModel().errors, select)
export const useAttach = <T>(select: (s: StateOf<AttachStore>) => T): T => useStore(useModel().attach, select)
export const useSettings = <T>(select: (s: StateOf<SettingsStore>) => T): T => useStore(useModel().settings, select)
export const useSessions = <T>(select: (s: StateOf<SessionsStore>) => T): T => useStore(useModel().sessions, select)
export const useUi = <T>(select: (s: StateOf<UiStore>) => T): T => useStore(useModel().ui, select)
