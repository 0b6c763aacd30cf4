import type { ComponentType, ReactNode } from 'react'
import { ConsoleIcon, ErrorsIcon, MemoryIcon, ProfilerIcon, SourcesIcon, SystemIcon } from '../components/icons'
import { ConsoleView } from '../console/ConsoleView'
import { ErrorsView } from '../errors/ErrorsView'
import { MemoryView } from '../heap/MemoryView'
import { ProfilerView } from '../profiler/ProfilerView'
import { SourcesView } from '../debugger/SourcesView'
import { SystemView } from '../metrics/SystemView'

export interface ViewProps {
  targetId: string
  /** A recorded copy from an opened session: show everything, change nothing. */
  readOnly: boolean
}

/**
 * The sidebar's views, in order; Ctrl/Cmd+1… picks them by position. A new view (Errors,
 * Profiler, Memory, System, Sources, Sessions) is one more entry here. A view that needs no
 * target (System, Sessions) sets `needsTarget: false` and is shown without one.
 */
export interface ViewDefinition {
  id: string
  title: string
  icon: ReactNode
  needsTarget: boolean
  component: ComponentType<ViewProps>
}

export const views: readonly ViewDefinition[] = [
  { id: 'console', title: 'Console', icon: <ConsoleIcon />, needsTarget: true, component: ConsoleView },
  { id: 'errors', title: 'Errors', icon: <ErrorsIcon />, needsTarget: true, component: ErrorsView },
  // Imported profiles need no target: the view opens without one.
  { id: 'profiler', title: 'Profiler', icon: <ProfilerIcon />, needsTarget: false, component: ProfilerView },
  // Imported snapshots need no target either.
  { id: 'memory', title: 'Memory', icon: <MemoryIcon />, needsTarget: false, component: MemoryView },
  { id: 'sources', title: 'Sources', icon: <SourcesIcon />, needsTarget: true, component: SourcesView },
  // Host and GPUs need no target; the selected one's process metrics show when there is one.
  { id: 'system', title: 'System', icon: <SystemIcon />, needsTarget: false, component: SystemView }
]

export function findView(id: string): ViewDefinition {
  return views.find((v) => v.id === id) ?? views[0]
}
