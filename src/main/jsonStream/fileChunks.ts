// A big JSON file (a CPU profile, a heap snapshot) fed to its streaming parser a few MiB at a time,
// never whole in memory or in one string (V8's strings stop at ~512 MB), with file-system errors
// as one-line UserErrors that name the file.
import { open, stat } from 'node:fs/promises'
import path from 'node:path'
import { UserError } from '../../shared/userError'
import { createLogger } from '../log'

const log = createLogger('files')

/** How much of the file each chunk holds. */
export const fileChunkBytes = 4 * 1024 * 1024

/** The size of a file to parse, or a one-line UserError saying why it cannot be read; `kind` names what it should be (".heapsnapshot"). */
export async function inputFileSize(file: string, kind: string): Promise<number> {
  try {
    const info = await stat(file)
    if (info.isDirectory()) throw new UserError('BAD_REQUEST', `${file} is a directory, not a ${kind} file`)
    return info.size
  } catch (error) {
    throw fileReadError(file, error, kind)
  }
}

export interface ReadChunksOptions {
  /** Checked before each chunk: an abort stops the read with the signal's reason. */
  signal?: AbortSignal
  chunkBytes?: number
}

/**
 * Feeds the file to `take` chunk by chunk until its end or until `take` returns false. The next
 * chunk is read while `take` parses this one (as a stream's read-ahead does), into the other of
 * two buffers that take turns: `take` copies what it keeps.
 */
export async function readFileChunks(file: string, bytesTotal: number, kind: string, take: (chunk: Uint8Array) => boolean, options: ReadChunksOptions = {}): Promise<void> {
  let handle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    throw fileReadError(file, error, kind)
  }
  try {
    const size = Math.max(1, Math.min(options.chunkBytes ?? fileChunkBytes, bytesTotal))
    const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)]
    const opened = handle
    const readInto = (buffer: Buffer): Promise<{ bytesRead: number }> => opened.read(buffer, 0, buffer.length, null)
    let turn = 0
    let next = readInto(buffers[turn])
    try {
      for (;;) {
        const { bytesRead } = await next
        options.signal?.throwIfAborted()
        if (bytesRead === 0) break
        const chunk = buffers[turn].subarray(0, bytesRead)
        turn ^= 1
        next = readInto(buffers[turn])
        if (!take(chunk)) break
      }
    } finally {
      // A read ahead still under way must end before the file closes.
      await next.catch(log.dropped(`a read ahead in ${file} that nobody needs`))
    }
  } finally {
    await handle.close()
  }
}

/** The parser's one-line errors prefixed with the file's name, and file-system errors as UserErrors. */
export async function withFileName<T>(file: string, kind: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof UserError && error.code === 'BAD_REQUEST' && !error.message.startsWith(`${path.basename(file)}: `)) throw new UserError('BAD_REQUEST', `${path.basename(file)}: ${error.message}`)
    throw fileReadError(file, error, kind)
  }
}

/** A file-system error as a one-line UserError naming the file; anything else as it is. */
export function fileReadError(file: string, error: unknown, kind: string): Error {
  if (error instanceof UserError) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return new UserError('BAD_REQUEST', `cannot read ${file}: no such file`)
  if (code === 'EACCES' || code === 'EPERM') return new UserError('PERMISSION_DENIED', `cannot read ${file}: permission denied`)
  if (code === 'EISDIR') return new UserError('BAD_REQUEST', `${file} is a directory, not a ${kind} file`)
  return error instanceof Error ? error : new Error(String(error))
}
