// Plain facts about profiles that the profiler presenter and the page share: how the list is
// ordered and which profile is shown first, what a capture asks for, which files are profiles.
import type { ProfileInfo, ProfileStartParams } from '../../../shared/profilerApi'
import type { ProfileCategory } from '../../../shared/profileTypes'

/** How the browser gets profile files to and from the host (the desktop app uses dialogs and paths). */
export interface ProfileFileTransfer {
  /** Browser: copies a picked or dropped file onto the host; resolves with its path there. */
  upload(file: File): Promise<string>
  /** Browser: downloads the profile as a .cpuprofile. */
  download(profileId: string): Promise<void>
  /** Desktop app: the path of a dropped file; null where the shell cannot tell. */
  pathOf(file: File): string | null
}

export const isCpuProfileName = (name: string): boolean => /\.cpuprofile$/i.test(name)

export interface CaptureOptions {
  /** Sampling interval in µs; null: the engine's default. */
  intervalUs: number | null
  /** Stop by itself after this long; null: on request (or at the next breakpoint). */
  durationMs: number | null
  untilBreakpoint: boolean
  callCounts: boolean
}

/** A category or one npm package whose functions the table is narrowed to. */
export interface GroupFilter {
  category: ProfileCategory
  packageName: string | null
}

/** Newest first: what the list shows and the order in which a profile is picked. */
export function sortProfiles(list: readonly ProfileInfo[]): ProfileInfo[] {
  return [...list].sort((a, b) => b.capturedAt - a.capturedAt)
}

/** The profile to show when none is picked: the newest of the target, else the newest at all. */
export function pickProfile(list: readonly ProfileInfo[], targetId: string | null): string | null {
  const usable = sortProfiles(list).filter((p) => p.state !== 'failed')
  return (usable.find((p) => targetId !== null && p.targetId === targetId) ?? usable[0])?.id ?? null
}

export function startParams(targetId: string, options: CaptureOptions): ProfileStartParams {
  const params: ProfileStartParams = { targetId }
  if (options.intervalUs !== null) params.intervalUs = options.intervalUs
  if (options.durationMs !== null) params.durationMs = options.durationMs
  if (options.untilBreakpoint) params.untilBreakpoint = true
  if (options.callCounts) params.callCounts = true
  return params
}
