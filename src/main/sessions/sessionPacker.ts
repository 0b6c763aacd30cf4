// Packs a session's entries into a .spyglass zip, streaming every entry from disk (artifacts can
// be larger than memory), into a temporary file renamed into place once complete: a failed or
// interrupted save never leaves a half file under the user's name.
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yazl from 'yazl'
import { UserError } from '../../shared/userError'
import { sessionEntries, type SessionManifest } from './sessionFormat'
import { syncAndRename } from './sessionFolder'
import type { SessionSource } from './sessionSource'

/** Level 3 packs event logs about as small as the default level 6 at twice the speed (bench/sessions). */
export const eventCompressionLevel = 3

export interface PackOptions {
  /** Replaces the source's manifest (recounted events, a recovered end time). */
  manifest?: SessionManifest
  /** Bytes read from the source so far, of `total`. */
  onProgress?: (done: number, total: number) => void
  /** Sizes of the source's entries, for progress; unknown entries count as zero. */
  entrySizes?: ReadonlyMap<string, number>
}

export async function packSession(source: SessionSource, file: string, options: PackOptions = {}): Promise<void> {
  const manifest = options.manifest ?? source.manifest
  const zip = new yazl.ZipFile()
  const mtime = new Date(manifest.endedAt ?? Date.now())
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), sessionEntries.manifest, { mtime, compress: true })
  const total = [...(options.entrySizes?.values() ?? [])].reduce((a, b) => a + b, 0)
  let done = 0
  const counting = (): Transform =>
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        done += chunk.length
        options.onProgress?.(done, total)
        callback(null, chunk)
      }
    })
  for (const name of source.entryNames) {
    if (name === sessionEntries.manifest) continue
    zip.addReadStreamLazy(name, { mtime, compress: true, compressionLevel: eventCompressionLevel }, (callback) => {
      source.openEntry(name).then(
        (stream) => callback(null, stream.pipe(counting())),
        (error: unknown) => callback(error, undefined as never)
      )
    })
  }
  zip.end()

  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.partial`
  try {
    await pipeline(zip.outputStream, createWriteStream(temporary))
    await syncAndRename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    if (error instanceof UserError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new UserError('WRITE_FAILED', `could not write ${file}: ${code ?? (error as Error).message}`)
  }
}
