// Splits a byte stream into lines without ever holding more than one line (bounded) in memory.
import type { Readable } from 'node:stream'

export class LineTooLongError extends Error {}

/**
 * Yields each complete line (without its newline), empty ones included. A last line without a newline is yielded only
 * when `keepUnterminated`; otherwise it is reported through `onUnterminated` (a write cut short).
 */
export async function* ndjsonLines(
  stream: Readable,
  options: { maxLineBytes: number; keepUnterminated: boolean; onBytes?: (bytes: number) => void; onUnterminated?: (bytes: number) => void }
): AsyncGenerator<string> {
  let pending: Buffer[] = []
  let pendingBytes = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    options.onBytes?.(chunk.length)
    let start = 0
    for (let newline = chunk.indexOf(10, start); newline >= 0; newline = chunk.indexOf(10, start)) {
      if (pendingBytes + newline - start > options.maxLineBytes) throw new LineTooLongError(`a line longer than ${options.maxLineBytes} bytes`)
      let line: string
      if (pendingBytes > 0) {
        pending.push(chunk.subarray(start, newline))
        line = Buffer.concat(pending).toString('utf8')
        pending = []
        pendingBytes = 0
      } else {
        line = chunk.toString('utf8', start, newline)
      }
      start = newline + 1
      // Empty lines too: writers never write one, and skipping them lets a file of nothing but
      // newlines (2 GiB deflated into 2 MB) keep a reader busy for most of a minute.
      yield line
    }
    if (start < chunk.length) {
      pendingBytes += chunk.length - start
      if (pendingBytes > options.maxLineBytes) throw new LineTooLongError(`a line longer than ${options.maxLineBytes} bytes`)
      pending.push(chunk.subarray(start))
    }
  }
  if (pendingBytes > 0) {
    if (options.keepUnterminated) yield Buffer.concat(pending).toString('utf8')
    else options.onUnterminated?.(pendingBytes)
  }
}
