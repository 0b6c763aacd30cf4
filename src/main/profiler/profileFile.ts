// Streams a .cpuprofile from disk into the parser: 4 MiB chunks, progress in bytes, never the
// whole file in memory or in one string (so files past V8's ~512 MB string limit load too).
import { fileChunkBytes, inputFileSize, readFileChunks, withFileName } from '../jsonStream'
import { CpuProfileParser, type ParsedCpuProfile } from './cpuProfileParser'

export const profileChunkBytes = fileChunkBytes
const kind = '.cpuprofile'

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
export function profileFileSize(file: string): Promise<number> {
  return inputFileSize(file, kind)
}

export async function parseCpuProfileFile(file: string, options: ParseFileOptions = {}): Promise<ParsedCpuProfile> {
  const bytesTotal = await profileFileSize(file)
  const parser = new CpuProfileParser()
  let bytesDone = 0
  return withFileName(file, kind, async () => {
    await readFileChunks(
      file,
      bytesTotal,
      kind,
      (chunk) => {
        parser.write(chunk)
        bytesDone += chunk.length
        options.onProgress?.({ bytesDone, bytesTotal })
        return true
      },
      { signal: options.signal, chunkBytes: options.chunkBytes }
    )
    return parser.end()
  })
}
