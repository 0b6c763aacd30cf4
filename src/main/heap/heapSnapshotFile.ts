// Reads a .heapsnapshot from disk into the streaming parser, a few MiB at a time, with progress
// and cancellation; file-system errors become one-line UserErrors naming the file.
import { open, stat } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../../shared/userError'
import { HeapSnapshotParser, type HeapEdgeColumns, type HeapParserLimits, type ParsedHeapSnapshot } from './heapSnapshotParser'

export interface HeapFileProgress {
  bytesDone: number
  bytesTotal: number
}

export interface ParseHeapFileOptions {
  onProgress?: (progress: HeapFileProgress) => void
  signal?: AbortSignal
  memoryLimitBytes?: HeapParserLimits['memoryLimitBytes']
  /** The edges, read by another thread at the same time: this one skips them. */
  edges?: Promise<HeapEdgeColumns>
}

const chunkBytes = 4 * 1024 * 1024

export async function heapFileSize(file: string): Promise<number> {
  try {
    const info = await stat(file)
    if (info.isDirectory()) throw new UserError('BAD_REQUEST', `${file} is a directory, not a .heapsnapshot file`)
    return info.size
  } catch (error) {
    throw fileError(file, error)
  }
}

export async function parseHeapSnapshotFile(file: string, options: ParseHeapFileOptions = {}): Promise<ParsedHeapSnapshot> {
  const bytesTotal = await heapFileSize(file)
  if (bytesTotal === 0) throw new UserError('BAD_REQUEST', `${path.basename(file)}: the file is empty`)
  const { edges } = options
  // A failure of the edges' thread stops this one at its next chunk, not at the end of the file.
  let edgesFailed: unknown = null
  edges?.catch((error: unknown) => (edgesFailed = error ?? new Error('the edges could not be read')))
  const parser = new HeapSnapshotParser({ totalBytes: bytesTotal, memoryLimitBytes: options.memoryLimitBytes, sections: edges ? 'all-but-edges' : 'all' })
  return withNamedErrors(file, async () => {
    await readChunks(file, bytesTotal, (chunk) => {
      options.signal?.throwIfAborted()
      if (edgesFailed !== null) throw edgesFailed
      parser.push(chunk)
      options.onProgress?.({ bytesDone: parser.offset, bytesTotal })
      return true
    })
    return parser.end(edges ? await edges : undefined)
  })
}

/** The edges only, for the thread that reads them while another reads the rest (parseHeapSnapshotFile's `edges`). */
export async function readHeapSnapshotEdges(file: string, options: Pick<ParseHeapFileOptions, 'memoryLimitBytes'> = {}): Promise<HeapEdgeColumns> {
  const bytesTotal = await heapFileSize(file)
  const parser = new HeapSnapshotParser({ totalBytes: bytesTotal, memoryLimitBytes: options.memoryLimitBytes, sections: 'edges' })
  return withNamedErrors(file, async () => {
    await readChunks(file, bytesTotal, (chunk) => {
      parser.push(chunk)
      return !parser.complete
    })
    return parser.edgeColumns()
  })
}

/** Feeds the file to `take` a few MiB at a time until the end or until it returns false. */
async function readChunks(file: string, bytesTotal: number, take: (chunk: Uint8Array) => boolean): Promise<void> {
  let handle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    throw fileError(file, error)
  }
  try {
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, bytesTotal)))
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0 || !take(buffer.subarray(0, bytesRead))) break
    }
  } finally {
    await handle.close()
  }
}

/** The parser's one-line errors, prefixed with the file's name. */
async function withNamedErrors<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof UserError && error.code === 'BAD_REQUEST' && !error.message.startsWith(`${path.basename(file)}: `)) throw new UserError('BAD_REQUEST', `${path.basename(file)}: ${error.message}`)
    throw error
  }
}

function fileError(file: string, error: unknown): Error {
  if (error instanceof UserError) return error
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new UserError('BAD_REQUEST', `cannot read ${file}: no such file`)
  if (code === 'EACCES' || code === 'EPERM') return new UserError('PERMISSION_DENIED', `cannot read ${file}: permission denied`)
  if (code === 'EISDIR') return new UserError('BAD_REQUEST', `${file} is a directory, not a .heapsnapshot file`)
  return error instanceof Error ? error : new Error(String(error))
}
