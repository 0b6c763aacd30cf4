// The worker side of loadProfile (profileWorker.ts starts it): loads the profile by path,
// posts progress, and posts the result with its typed arrays' buffers transferred.
// electron-vite bundles this module on its own (the `?modulePath` import in profileWorker.ts),
// so the worker loads only the parser and the model, not the whole CLI or app.
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { toUserErrorPayload } from '../../shared/userError'
import { computeProfile, transferablesOf } from './profileCompute'
import { profileWorkerTag, type ProfileWorkerMessage, type ProfileWorkerRequest } from './profileWorkerProtocol'

async function runWorker(request: ProfileWorkerRequest): Promise<void> {
  const port = parentPort!
  const post = (message: ProfileWorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer)
  try {
    let lastPercent = -1
    const result = await computeProfile(request.file, {
      flameChart: request.flameChart,
      topFunctions: request.topFunctions,
      onProgress: (progress) => {
        // One message per whole percent is plenty for a progress bar.
        const percent = progress.bytesTotal > 0 ? Math.floor((progress.bytesDone / progress.bytesTotal) * 100) : 100
        if (progress.phase === 'read' && percent === lastPercent) return
        lastPercent = percent
        post({ type: 'progress', progress })
      }
    })
    post({ type: 'done', result }, transferablesOf(result))
  } catch (error) {
    post({ type: 'error', error: toUserErrorPayload(error) })
  }
}

const request = workerData as Partial<ProfileWorkerRequest> | null
if (!isMainThread && request?.tag === profileWorkerTag) void runWorker(request as ProfileWorkerRequest)

// Under vitest (no electron-vite), the `?modulePath` import of this module yields this default
// export: where the source is, so that the worker can be started from it.
export default import.meta.url
