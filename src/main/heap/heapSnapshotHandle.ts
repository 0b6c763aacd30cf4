/// <reference types="electron-vite/node" />
// openSnapshot: analyses a .heapsnapshot and returns a handle that answers queries a page at a
// time. One function, inline or in a worker (STYLE.md rule 8): big files are analysed in a
// worker_threads Worker that opens the file by path itself and keeps the graph; the handle sends
// it calls by message and gets rows back. dispose() terminates the worker, which gives its
// memory back at once. Small files (and tests that ask) are analysed in this thread behind the
// same interface.
//
// How the worker starts (and where its code comes from): see ../workers/moduleWorker.ts.
import os from 'node:os'
import type { ResourceLimits } from 'node:worker_threads'
import type { HeapLoadProgress, HeapSnapshotInfo } from '../../shared/heapTypes'
import { UserError, type UserErrorPayload } from '../../shared/userError'
import { startModuleWorker } from '../workers'
import { analyzeHeapSnapshotFile } from './heapAnalysis'
import { heapFileSize } from './heapSnapshotFile'
import { HeapQueries } from './heapQueries'
import { heapQueryMethods, heapWorkerTag, heapWorkerYoungGenerationMb, type HeapQueryCall, type HeapQueryMethod, type HeapWorkerMessage, type HeapWorkerRequest } from './heapWorkerProtocol'
import heapWorkerEntry from './heapWorkerEntry?modulePath'

/** Files from this size up are analysed in a worker (its start costs tens of ms). */
export const heapWorkerThresholdBytes = 8 * 1024 * 1024

/** Files from this size up have their edges read by a second thread, beside the rest (where the machine has two cores). */
export const parallelReadThresholdBytes = 32 * 1024 * 1024

/** HeapQueries' methods, each answered asynchronously (from the worker or this thread). */
export type HeapSnapshotQueries = { [M in HeapQueryMethod]: (...args: Parameters<HeapQueries[M]>) => Promise<ReturnType<HeapQueries[M]>> }

export interface HeapSnapshotHandle extends HeapSnapshotQueries {
  readonly file: string
  /** What the analysis found (also available as info()). */
  readonly loaded: HeapSnapshotInfo
  readonly inWorker: boolean
  /** Frees the snapshot's memory (terminates its worker); later queries fail. Safe to call twice. */
  dispose(): Promise<void>
}

export interface OpenSnapshotOptions {
  onProgress?: (progress: HeapLoadProgress) => void
  signal?: AbortSignal
  /** 'auto' (default): a worker from heapWorkerThresholdBytes up, this thread below. */
  mode?: 'auto' | 'inline' | 'worker'
  /** Refuse snapshots whose analysis would need more; by default 3/4 of the machine's memory. */
  memoryLimitBytes?: number
  /** In a worker, files from this size up are read by two threads; parallelReadThresholdBytes by default. */
  parallelReadFromBytes?: number
}

export async function openSnapshot(file: string, options: OpenSnapshotOptions = {}): Promise<HeapSnapshotHandle> {
  const mode = options.mode ?? 'auto'
  const memoryLimitBytes = options.memoryLimitBytes ?? Math.floor(os.totalmem() * 0.75)
  const useWorker = mode === 'worker' || (mode === 'auto' && (await heapFileSize(file)) >= heapWorkerThresholdBytes)
  if (!useWorker) {
    const heapQueries = new HeapQueries(await analyzeHeapSnapshotFile(file, { ...options, memoryLimitBytes }))
    return inlineHandle(file, heapQueries)
  }
  return openInWorker(file, { ...options, memoryLimitBytes })
}

function inlineHandle(file: string, initial: HeapQueries): HeapSnapshotHandle {
  let heapQueries: HeapQueries | null = initial
  const queries = {} as Record<HeapQueryMethod, (...args: unknown[]) => Promise<unknown>>
  for (const method of heapQueryMethods) {
    queries[method] = async (...args) => {
      if (!heapQueries) throw disposedError(file)
      return (heapQueries[method] as (...a: unknown[]) => unknown).apply(heapQueries, args)
    }
  }
  return {
    ...(queries as unknown as HeapSnapshotQueries),
    file,
    loaded: initial.info(),
    inWorker: false,
    dispose: async () => {
      heapQueries = null
    }
  }
}

/** How openSnapshot starts its worker (exported for the benchmark, which drives the built worker the same way). */
export function snapshotWorkerOptions(file: string, memoryLimitBytes: number, parallelReadFromBytes: number): { workerData: HeapWorkerRequest; resourceLimits: ResourceLimits } {
  return {
    workerData: { tag: heapWorkerTag, role: 'snapshot', file, memoryLimitBytes, parallelReadFromBytes },
    resourceLimits: {
      // The snapshot's strings live on the worker's JS heap (the arrays are outside it): room for them, within the limit.
      maxOldGenerationSizeMb: Math.min(16_384, Math.max(512, Math.floor(memoryLimitBytes / 2 ** 20 / 2))),
      maxYoungGenerationSizeMb: heapWorkerYoungGenerationMb
    }
  }
}

function openInWorker(file: string, options: OpenSnapshotOptions & { memoryLimitBytes: number }): Promise<HeapSnapshotHandle> {
  return new Promise((resolve, reject) => {
    const parallelReadFromBytes = os.availableParallelism() > 1 ? (options.parallelReadFromBytes ?? parallelReadThresholdBytes) : Infinity
    const { workerData, resourceLimits } = snapshotWorkerOptions(file, options.memoryLimitBytes, parallelReadFromBytes)
    const worker = startModuleWorker(String(heapWorkerEntry), workerData, resourceLimits)
    let lastProgress: HeapLoadProgress | null = null
    let loading = true
    let stopped: Error | null = null
    let nextId = 1
    const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()

    const stop = (error: Error): void => {
      if (stopped) return
      stopped = error
      options.signal?.removeEventListener('abort', onAbort)
      for (const call of pending.values()) call.reject(error)
      pending.clear()
      // A failed load is reported once the worker is gone, with its memory.
      const terminated = worker.terminate()
      if (loading) {
        loading = false
        void terminated.then(
          () => reject(error),
          () => reject(error)
        )
      }
    }
    const onAbort = (): void => stop(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'))
    if (options.signal?.aborted) onAbort()
    else options.signal?.addEventListener('abort', onAbort, { once: true })

    const call = (method: HeapQueryMethod, args: unknown[]): Promise<unknown> => {
      if (stopped) return Promise.reject(stopped)
      const id = nextId++
      return new Promise((resolveCall, rejectCall) => {
        pending.set(id, { resolve: resolveCall, reject: rejectCall })
        // Copied, not transferred: the caller may pass the same id array to several snapshots.
        worker.postMessage({ id, method, args } as HeapQueryCall)
      })
    }

    worker.on('message', (message: HeapWorkerMessage) => {
      switch (message.type) {
        case 'progress':
          lastProgress = message.progress
          options.onProgress?.(message.progress)
          break
        case 'failed':
          stop(fromPayload(message.error))
          break
        case 'ready': {
          loading = false
          options.signal?.removeEventListener('abort', onAbort)
          const queries = {} as Record<HeapQueryMethod, (...args: unknown[]) => Promise<unknown>>
          for (const method of heapQueryMethods) queries[method] = (...args) => call(method, args)
          resolve({
            ...(queries as unknown as HeapSnapshotQueries),
            file,
            loaded: message.info,
            inWorker: true,
            dispose: async () => {
              if (!stopped) stop(disposedError(file))
              await worker.terminate()
            }
          })
          break
        }
        case 'reply':
        case 'reply-error': {
          const waiting = pending.get(message.id)
          pending.delete(message.id)
          if (message.type === 'reply') waiting?.resolve(message.result)
          else waiting?.reject(fromPayload(message.error))
          break
        }
      }
    })
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') stop(new UserError('BAD_REQUEST', `${file}: the analysis ran out of memory ${whereItGot(lastProgress)}`))
      else stop(error)
    })
    // A message posted just before the worker ends arrives first; setImmediate lets it land.
    worker.on('exit', (code) => setImmediate(() => stop(new Error(`the heap snapshot worker stopped (exit code ${code}) ${whereItGot(lastProgress)}`))))
  })
}

function whereItGot(progress: HeapLoadProgress | null): string {
  if (!progress) return 'before it started reading'
  if (progress.phase === 'read') return `after reading ${progress.bytesDone.toLocaleString('en-US')} of ${progress.bytesTotal.toLocaleString('en-US')} bytes`
  return `while computing the ${progress.phase}`
}

function fromPayload(error: UserErrorPayload): Error {
  return error.code === 'INTERNAL' ? new Error(error.message) : new UserError(error.code, error.message)
}

function disposedError(file: string): UserError {
  return new UserError('BAD_REQUEST', `the snapshot ${file} was closed`)
}
