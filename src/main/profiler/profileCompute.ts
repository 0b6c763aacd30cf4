// The work of loading a profile, the same inline and in the worker: stream-parse the file,
// build the model, summarise it (and, when asked, lay out the flame chart).
import type { ProfileFlameChartColumns, ProfileSummary } from '../../shared/profileTypes'
import { buildFlameChart } from './flameChart'
import { parseCpuProfileFile, profileFileSize, type FileProgress } from './profileFile'
import { buildProfileModel, type ProfileModel } from './profileModel'
import { summarizeProfile } from './profileRows'

export interface ProfileLoadProgress extends FileProgress {
  phase: 'read' | 'model'
}

export interface ComputeProfileOptions {
  onProgress?: (progress: ProfileLoadProgress) => void
  /** Also compute the time-ordered flame chart (spans); the CLI does not need it. */
  flameChart?: boolean
  /** Rows in summary.topFunctions; 50 by default. */
  topFunctions?: number
  signal?: AbortSignal
}

export interface ComputedProfile {
  summary: ProfileSummary
  model: ProfileModel
  flameChart: ProfileFlameChartColumns | null
}

export async function computeProfile(file: string, options: ComputeProfileOptions = {}): Promise<ComputedProfile> {
  const { onProgress } = options
  const parsed = await parseCpuProfileFile(file, { signal: options.signal, onProgress: onProgress && ((p) => onProgress({ phase: 'read', ...p })) })
  if (onProgress) {
    const bytesTotal = await profileFileSize(file)
    onProgress({ phase: 'model', bytesDone: bytesTotal, bytesTotal })
  }
  const model = buildProfileModel(parsed)
  const flameChart = options.flameChart ? buildFlameChart(model) : null
  return { summary: summarizeProfile(model, { topFunctions: options.topFunctions }), model, flameChart }
}

/** Every buffer under a result, once each, for postMessage's transfer list. */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>()
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const item = pending.pop()
    if (ArrayBuffer.isView(item)) {
      if (item.buffer instanceof ArrayBuffer) found.add(item.buffer)
    } else if (Array.isArray(item)) {
      for (const element of item) if (typeof element === 'object' && element !== null) pending.push(element)
    } else if (typeof item === 'object' && item !== null) {
      pending.push(...Object.values(item))
    }
  }
  return [...found]
}
