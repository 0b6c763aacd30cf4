// The worker side of openSnapshot (heapSnapshotHandle.ts starts it): analyses the snapshot by
// path, posts progress, says it is ready, then answers query calls until it is terminated
// (which releases every array of the snapshot at once). electron-vite bundles this module on its
// own (the `?modulePath` import), so the worker loads only the heap engine.
//
// Big files are read by two threads: this module starts itself again in the role 'edges', which
// reads the edges (most of the file's bytes) while this thread reads the nodes and strings, and
// hands its arrays over (transferred, not copied).
import { stat } from 'node:fs/promises'
import { isMainThread, parentPort, workerData, type Worker } from 'node:worker_threads'
import { toUserErrorPayload, UserError } from '../../shared/userError'
import { startModuleWorker } from '../workers'
import { analyzeHeapSnapshotFile } from './heapAnalysis'
import { HeapQueries } from './heapQueries'
import { readHeapSnapshotEdges } from './heapSnapshotFile'
import type { HeapEdgeColumns } from './heapSnapshotParser'
import { heapQueryMethods, heapWorkerTag, heapWorkerYoungGenerationMb, type HeapEdgesMessage, type HeapQueryCall, type HeapWorkerMessage, type HeapWorkerRequest } from './heapWorkerProtocol'

async function runSnapshotWorker(request: HeapWorkerRequest): Promise<void> {
  const port = parentPort!
  const post = (message: HeapWorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer)
  let heapQueries: HeapQueries
  let helper: Worker | null = null
  try {
    const { size } = await stat(request.file)
    let edges: Promise<HeapEdgeColumns> | undefined
    if (size >= (request.parallelReadFromBytes ?? Infinity)) {
      helper = startModuleWorker(import.meta.url, { ...request, role: 'edges' } satisfies HeapWorkerRequest, { maxYoungGenerationSizeMb: heapWorkerYoungGenerationMb })
      edges = edgesFrom(helper)
    }
    let lastPercent = -1
    const analysis = await analyzeHeapSnapshotFile(request.file, {
      memoryLimitBytes: request.memoryLimitBytes,
      edges,
      onProgress: (progress) => {
        // One message per whole percent is plenty for a progress bar.
        const percent = progress.bytesTotal > 0 ? Math.floor((progress.bytesDone / progress.bytesTotal) * 100) : 100
        if (progress.phase === 'read' && percent === lastPercent) return
        lastPercent = percent
        post({ type: 'progress', progress })
      }
    })
    heapQueries = new HeapQueries(analysis)
  } catch (error) {
    post({ type: 'failed', error: toUserErrorPayload(error) })
    return
  } finally {
    void helper?.terminate()
  }
  port.on('message', (call: HeapQueryCall) => {
    try {
      if (!(heapQueryMethods as readonly string[]).includes(call.method)) throw new Error(`unknown heap query "${String(call.method)}"`)
      const method = heapQueries[call.method] as (...args: unknown[]) => unknown
      const result = method.apply(heapQueries, call.args)
      // Id arrays go back as their buffer, moved rather than copied.
      post({ type: 'reply', id: call.id, result }, result instanceof Uint32Array ? [result.buffer as ArrayBuffer] : [])
    } catch (error) {
      post({ type: 'reply-error', id: call.id, error: toUserErrorPayload(error) })
    }
  })
  post({ type: 'ready', info: heapQueries.info() })
}

function edgesFrom(helper: Worker): Promise<HeapEdgeColumns> {
  return new Promise((resolve, reject) => {
    helper.on('message', (message: HeapEdgesMessage) => {
      if (message.type === 'edges') resolve(message.edges)
      else reject(message.error.code === 'INTERNAL' ? new Error(message.error.message) : new UserError(message.error.code, message.error.message))
    })
    helper.on('error', reject)
    helper.on('exit', (code) => setImmediate(() => reject(new Error(`the thread reading the edges stopped (exit code ${code})`))))
  })
}

async function runEdgesWorker(request: HeapWorkerRequest): Promise<void> {
  const port = parentPort!
  try {
    const edges = await readHeapSnapshotEdges(request.file, { memoryLimitBytes: request.memoryLimitBytes })
    port.postMessage({ type: 'edges', edges } satisfies HeapEdgesMessage, [edges.edgeType.buffer, edges.edgeName.buffer, edges.edgeTo.buffer] as ArrayBuffer[])
  } catch (error) {
    port.postMessage({ type: 'failed', error: toUserErrorPayload(error) } satisfies HeapEdgesMessage)
  }
}

const request = workerData as Partial<HeapWorkerRequest> | null
if (!isMainThread && request?.tag === heapWorkerTag) {
  if (request.role === 'edges') void runEdgesWorker(request as HeapWorkerRequest)
  else void runSnapshotWorker(request as HeapWorkerRequest)
}

// Under vitest (no electron-vite), the `?modulePath` import of this module yields this default
// export: where the source is, so that the worker can be started from it.
export default import.meta.url
