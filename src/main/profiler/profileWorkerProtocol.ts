// What loadProfile and its worker say to each other (profileWorker.ts ↔ profileWorkerEntry.ts).
import type { UserErrorPayload } from '../../shared/userError'
import type { ComputedProfile, ProfileLoadProgress } from './profileCompute'

/** In workerData, so that the entry module starts only in a worker we started. */
export const profileWorkerTag = 'spyglass-profile-worker'

export interface ProfileWorkerRequest {
  tag: typeof profileWorkerTag
  file: string
  flameChart: boolean
  topFunctions?: number
}

export type ProfileWorkerMessage =
  | { type: 'progress'; progress: ProfileLoadProgress }
  | { type: 'done'; result: ComputedProfile }
  | { type: 'error'; error: UserErrorPayload }
