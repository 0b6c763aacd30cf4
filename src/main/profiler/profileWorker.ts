/// <reference types="electron-vite/node" />
// One function, inline or in a worker (STYLE.md rule 8): `loadProfile` parses a .cpuprofile and
// builds its model in this thread for small files and in a worker_threads Worker for big ones.
// The worker opens the file by path itself (rule 6) and sends the model back as typed arrays
// whose buffers are transferred, not copied. How the worker starts (and where its code comes
// from): see ../workers/moduleWorker.ts.
import { UserError } from '../../shared/userError'
import { startModuleWorker } from '../workers'
import { computeProfile, type ComputedProfile, type ComputeProfileOptions } from './profileCompute'
import { profileFileSize } from './profileFile'
import { profileWorkerTag, type ProfileWorkerMessage, type ProfileWorkerRequest } from './profileWorkerProtocol'
import profileWorkerEntry from './profileWorkerEntry?modulePath'

/** Files from this size up load in a worker (its start costs tens of ms; parsing this much costs more). */
export const workerThresholdBytes = 8 * 1024 * 1024

export interface LoadProfileOptions extends ComputeProfileOptions {
  /** 'auto' (default): a worker from workerThresholdBytes up, this thread below. */
  mode?: 'auto' | 'inline' | 'worker'
}

export interface LoadedProfile extends ComputedProfile {
  /** Whether a worker did the work. */
  inWorker: boolean
}

export async function loadProfile(file: string, options: LoadProfileOptions = {}): Promise<LoadedProfile> {
  const mode = options.mode ?? 'auto'
  const useWorker = mode === 'worker' || (mode === 'auto' && (await profileFileSize(file)) >= workerThresholdBytes)
  if (!useWorker) return { ...(await computeProfile(file, options)), inWorker: false }
  return loadInWorker(file, options)
}

function loadInWorker(file: string, options: LoadProfileOptions): Promise<LoadedProfile> {
  return new Promise((resolve, reject) => {
    let settled = false
    const request: ProfileWorkerRequest = { tag: profileWorkerTag, file, flameChart: options.flameChart ?? false, topFunctions: options.topFunctions }
    const worker = startModuleWorker(String(profileWorkerEntry), request)
    const finish = (outcome: () => void): void => {
      if (settled) return
      settled = true
      options.signal?.removeEventListener('abort', onAbort)
      outcome()
      void worker.terminate()
    }
    const onAbort = (): void => finish(() => reject(options.signal?.reason ?? new Error('aborted')))
    if (options.signal?.aborted) onAbort()
    else options.signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (message: ProfileWorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.progress)
      else if (message.type === 'done') finish(() => resolve({ ...message.result, inWorker: true }))
      else finish(() => reject(message.error.code === 'INTERNAL' ? new Error(message.error.message) : new UserError(message.error.code, message.error.message)))
    })
    worker.on('error', (error) => finish(() => reject(error)))
    // A result posted just before the worker ends arrives first; setImmediate lets it land.
    worker.on('exit', (code) => setImmediate(() => finish(() => reject(new Error(`the profile worker stopped before it finished (exit code ${code})`)))))
  })
}
