// Reads a .heapsnapshot from disk into the streaming parser, a few MiB at a time, with progress
// and cancellation; file-system errors become one-line UserErrors naming the file.
import path from 'node:path'
import { UserError } from '../../shared/userError'
import { inputFileSize, readFileChunks, withFileName } from '../jsonStream'
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

const kind = '.heapsnapshot'

export function heapFileSize(file: string): Promise<number> {
  return inputFileSize(file, kind)
}

export async function parseHeapSnapshotFile(file: string, options: ParseHeapFileOptions = {}): Promise<ParsedHeapSnapshot> {
  const bytesTotal = await heapFileSize(file)
  if (bytesTotal === 0) throw new UserError('BAD_REQUEST', `${path.basename(file)}: the file is empty`)
  const { edges } = options
  // A failure of the edges' thread stops this one at its next chunk, not at the end of the file.
  let edgesFailed: unknown = null
  edges?.catch((error: unknown) => (edgesFailed = error ?? new Error('the edges could not be read')))
  const parser = new HeapSnapshotParser({ totalBytes: bytesTotal, memoryLimitBytes: options.memoryLimitBytes, sections: edges ? 'all-but-edges' : 'all' })
  return withFileName(file, kind, async () => {
    await readFileChunks(
      file,
      bytesTotal,
      kind,
      (chunk) => {
        if (edgesFailed !== null) throw edgesFailed
        parser.push(chunk)
        options.onProgress?.({ bytesDone: parser.offset, bytesTotal })
        return true
      },
      { signal: options.signal }
    )
    return parser.end(edges ? await edges : undefined)
  })
}

/** The edges only, for the thread that reads them while another reads the rest (parseHeapSnapshotFile's `edges`). */
export async function readHeapSnapshotEdges(file: string, options: Pick<ParseHeapFileOptions, 'memoryLimitBytes'> = {}): Promise<HeapEdgeColumns> {
  const bytesTotal = await heapFileSize(file)
  const parser = new HeapSnapshotParser({ totalBytes: bytesTotal, memoryLimitBytes: options.memoryLimitBytes, sections: 'edges' })
  return withFileName(file, kind, async () => {
    await readFileChunks(file, bytesTotal, kind, (chunk) => {
      parser.push(chunk)
      return !parser.complete
    })
    return parser.edgeColumns()
  })
}
