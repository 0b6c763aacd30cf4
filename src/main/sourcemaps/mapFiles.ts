// Where a script's source map is and what its files hold: script URLs as local paths, the
// `sourceMappingURL` comment at the end of a generated file (a file beside it or an inline data:
// URL), and the text of an original file on disk. Everything here is best effort: a file that is
// gone, unreadable or not a script is no map, so failures are answers, not errors.
import { open, readFile, stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createLogger } from '../log'

const log = createLogger('sourcemaps')

/** Generated files bigger than this are not searched for a map comment (minified vendor bundles). */
export const maxGeneratedBytes = 64 * 1024 * 1024
/** The end of a generated file read first: the comment is on its last line. */
const tailBytes = 64 * 1024
const mapComment = /\/\/[#@]\s*sourceMappingURL=([^\s'"]+)\s*$/

/** The local file a script URL names (a file URL or an absolute path); null for anything else. */
export function localPathOf(url: string): string | null {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url)
    } catch (error) {
      // A file URL with a host: nothing on this machine to read.
      log.debug(`not a local file: ${url}`, error)
      return null
    }
  }
  return path.isAbsolute(url) ? url : null
}

/** A script url as a file URL (CommonJS scripts are reported by path). */
export function scriptFileUrl(url: string): string | null {
  const file = localPathOf(url)
  return file ? pathToFileURL(file).href : null
}

/** The JSON text of an inline (data: URL) source map. */
export function dataUrlText(url: string): string {
  const comma = url.indexOf(',')
  const meta = url.slice(5, comma)
  const body = url.slice(comma + 1)
  return meta.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body)
}

/** The reference on the last line of a script's text: `//# sourceMappingURL=…`, or null. */
export function mapReferenceIn(text: string): string | null {
  const trimmed = text.trimEnd()
  return mapComment.exec(trimmed.slice(trimmed.lastIndexOf('\n') + 1))?.[1] ?? null
}

/**
 * The map reference of a generated file of `size` bytes. Only its end is read, unless its last
 * line starts before that end (an inline map is one long line): then the whole file.
 */
export async function readMapReference(file: string, size: number): Promise<string | null> {
  if (size > maxGeneratedBytes) return null
  let handle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    // Gone or unreadable since it was looked at: no map.
    log.debug(`cannot read ${file} for its map comment`, error)
    return null
  }
  try {
    const start = Math.max(0, size - tailBytes)
    const tail = await readRange(handle, start, size)
    const text = tail.toString('utf8').trimEnd()
    if (start === 0 || text.includes('\n')) return mapReferenceIn(text)
    return mapReferenceIn((await readRange(handle, 0, size)).toString('utf8'))
  } catch (error) {
    // A read that fails half-way (the file changed under us): no map this time.
    log.debug(`cannot read ${file} for its map comment`, error)
    return null
  } finally {
    await handle.close()
  }
}

async function readRange(handle: Awaited<ReturnType<typeof open>>, start: number, end: number): Promise<Buffer> {
  const buffer = Buffer.alloc(end - start)
  let done = 0
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done)
    if (bytesRead === 0) break
    done += bytesRead
  }
  return buffer.subarray(0, done)
}

/** A file's stat, or null where there is nothing to stat (a script or map that is not on disk). */
export async function tryStat(file: string): Promise<Stats | null> {
  try {
    return await stat(file)
  } catch (error) {
    // Missing or unreadable: the script has no map on this machine.
    log.debug(`no file ${file}`, error)
    return null
  }
}

/** The text of an original file from disk, when its map does not embed it. */
export async function readOriginalText(url: string): Promise<string | null> {
  const file = localPathOf(url)
  if (!file) return null
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    // Moved or deleted since the build: the view says the text is unavailable.
    log.debug(`no text for ${url}`, error)
    return null
  }
}
