// Heap snapshots of a live target over the inspector's HeapProfiler domain. The target sends the
// snapshot as a stream of text chunks; each is written to the file as it arrives and dropped,
// so that neither this process nor the CDP client ever holds the whole snapshot (which may be
// larger than V8's longest string). When the disk is slower than the target, reading from the
// inspector socket pauses until the file stream drains.
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { UserError } from '../../shared/userError'
import type { CdpClient } from '../targets'

/** What a forced GC freed: V8's used heap just before and just after. */
export interface GcResult {
  beforeBytes: number
  afterBytes: number
  freedBytes: number
}

export interface CaptureProgress {
  phase: 'gc' | 'snapshotting' | 'writing'
  /** For 'snapshotting': objects serialised so far of `total`; for 'writing': bytes written (total 0: unknown). */
  done: number
  total: number
}

export interface CapturedSnapshot {
  file: string
  bytes: number
  startedAt: number
  stoppedAt: number
  /** The forced GC before the snapshot; null when none was asked for. */
  gc: GcResult | null
}

export interface SnapshotCaptureOptions {
  /** Force a full GC first (default true), so that the snapshot holds live objects only. */
  collectGarbage?: boolean
  onProgress?: (progress: CaptureProgress) => void
  /** Bytes the file stream may hold before reading from the target pauses (4 MiB by default). */
  bufferBytes?: number
}

/**
 * What may wait for the disk: reading pauses only when the disk really falls behind (the target
 * sends ~100 KB chunks; a local disk keeps up with it), and this stays a rounding error next to
 * the snapshot.
 */
export const defaultBufferBytes = 4 * 1024 * 1024

/** How long a forced GC may take before the target is taken to be unable to run it. */
export const gcTimeoutMs = 15_000

/**
 * Forces a full garbage collection in the target and measures what it freed. A program done with
 * its event loop (held on its way out) never answers the request: that becomes a one-line TIMEOUT
 * rather than a wait without end.
 */
export async function collectGarbage(cdp: CdpClient, timeoutMs = gcTimeoutMs): Promise<GcResult> {
  const before = await cdp.send('Runtime.getHeapUsage')
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UserError('TIMEOUT', `the target did not run the forced GC within ${timeoutMs / 1000} s`)), timeoutMs)
  })
  try {
    await Promise.race([cdp.send('HeapProfiler.collectGarbage'), timedOut])
  } finally {
    clearTimeout(timer)
  }
  const after = await cdp.send('Runtime.getHeapUsage')
  return { beforeBytes: before.usedSize, afterBytes: after.usedSize, freedBytes: Math.max(0, before.usedSize - after.usedSize) }
}

/**
 * Takes a heap snapshot of the target into `file` (written as `file.partial` and renamed once
 * complete, so that a failure never leaves half a snapshot under the real name).
 */
export async function captureHeapSnapshot(cdp: CdpClient, file: string, options: SnapshotCaptureOptions = {}): Promise<CapturedSnapshot> {
  const onProgress = options.onProgress ?? (() => undefined)
  const startedAt = Date.now()
  let gc: GcResult | null = null
  try {
    await cdp.send('HeapProfiler.enable')
    if (options.collectGarbage !== false) {
      onProgress({ phase: 'gc', done: 0, total: 0 })
      gc = await collectGarbage(cdp)
    }
  } catch (error) {
    throw targetGone('the heap snapshot could not start', error)
  }

  const partial = `${file}.partial`
  const out = createWriteStream(partial, { highWaterMark: options.bufferBytes ?? defaultBufferBytes })
  let bytes = 0
  let paused = false
  let writeError: Error | null = null
  out.on('error', (error) => {
    writeError = error
  })
  const offChunk = cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => {
    if (writeError) return
    bytes += Buffer.byteLength(chunk)
    onProgress({ phase: 'writing', done: bytes, total: 0 })
    if (!out.write(chunk) && !paused && cdp.pauseReading()) {
      paused = true
      out.once('drain', () => {
        paused = false
        cdp.resumeReading()
      })
    }
  })
  const offProgress = cdp.on('HeapProfiler.reportHeapSnapshotProgress', ({ done, total }) => onProgress({ phase: 'snapshotting', done, total }))
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: true, captureNumericValue: true })
  } catch (error) {
    out.destroy()
    await rm(partial, { force: true })
    throw targetGone('the heap snapshot could not be taken', error)
  } finally {
    offChunk()
    offProgress()
    if (paused) cdp.resumeReading()
  }
  await new Promise<void>((resolve, reject) => {
    if (writeError) reject(writeError)
    else out.end((error?: Error | null) => (error ? reject(error) : resolve()))
  }).catch(async (error: Error) => {
    await rm(partial, { force: true })
    throw new UserError('WRITE_FAILED', `the heap snapshot could not be written to ${partial}: ${error.message}`)
  })
  if (bytes === 0) {
    await rm(partial, { force: true })
    throw new UserError('TARGET_EXITED', 'the target sent an empty heap snapshot')
  }
  await rename(partial, file)
  return { file, bytes, startedAt, stoppedAt: Date.now(), gc }
}

function targetGone(what: string, error: unknown): UserError {
  if (error instanceof UserError) return error
  return new UserError('TARGET_EXITED', `${what}: ${(error as Error).message.split('\n')[0]}`)
}
