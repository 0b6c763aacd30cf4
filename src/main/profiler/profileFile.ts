// Streams a .cpuprofile from disk into the parser: 4 MiB chunks, progress in bytes, never the
// whole file in memory or in one string (so files past V8's ~512 MB string limit load too).
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../../shared/userError'
import { CpuProfileParser, type ParsedCpuProfile } from './cpuProfileParser'

export const profileChunkBytes = 4 * 1024 * 1024

export interface FileProgress {
  bytesDone: number
  bytesTotal: number
}

export interface ParseFileOptions {
  onProgress?: (progress: FileProgress) => void
  signal?: AbortSignal
  chunkBytes?: number
}

/** The size of a profile file, or a one-line UserError saying why it cannot be read. */
export async function profileFileSize(file: string): Promise<number> {
  try {
    const info = await stat(file)
    if (info.isDirectory()) throw new UserError('BAD_REQUEST', `${file} is a directory, not a .cpuprofile file`)
    return info.size
  } catch (error) {
    throw readError(file, error)
  }
}

export async function parseCpuProfileFile(file: string, options: ParseFileOptions = {}): Promise<ParsedCpuProfile> {
  const bytesTotal = await profileFileSize(file)
  const parser = new CpuProfileParser()
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? profileChunkBytes, signal: options.signal })
  let bytesDone = 0
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.write(chunk)
      bytesDone += chunk.length
      options.onProgress?.({ bytesDone, bytesTotal })
    }
    return parser.end()
  } catch (error) {
    stream.destroy()
    if (error instanceof UserError && error.code === 'BAD_REQUEST') throw new UserError('BAD_REQUEST', `${path.basename(file)}: ${error.message}`)
    throw readError(file, error)
  }
}

function readError(file: string, error: unknown): unknown {
  if (error instanceof UserError) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return new UserError('BAD_REQUEST', `cannot read ${file}: no such file`)
  if (code === 'EACCES' || code === 'EPERM') return new UserError('PERMISSION_DENIED', `cannot read ${file}: permission denied`)
  if (code === 'EISDIR') return new UserError('BAD_REQUEST', `${file} is a directory, not a .cpuprofile file`)
  return error
}
