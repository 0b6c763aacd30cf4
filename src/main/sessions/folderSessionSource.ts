// Reads a session from an autosave folder (recovery, and packing it into a file), through the same
// interface as a .spyglass file. Everything read is validated against the format spec
// (sessionValidation.ts); what a crash cut short (half a line, an artifact not yet listed) is left out.
import { createReadStream } from 'node:fs'
import { open, readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { z } from 'zod'
import type { ConsoleEvent } from '../../shared/consoleTypes'
import { ndjsonLines } from './ndjsonLines'
import { isSessionEntryName, sessionEntries, type SessionManifest } from './sessionFormat'
import { sessionLimits, type EventReadOptions, type SessionSource } from './sessionSource'
import { badSession, parseJsonEntry, parseManifest, readBounded, validatedEvents } from './sessionValidation'

class FolderSessionSource implements SessionSource {
  /** Bytes at the end of events.ndjson that a crash cut short (dropped). */
  unterminatedBytes = 0

  constructor(
    readonly location: string,
    readonly manifest: SessionManifest,
    readonly entryNames: string[],
    readonly eventBytes: number
  ) {}

  /** NDJSON entries end at their last complete line: a crash can leave half a line after it. */
  async openEntry(name: string): Promise<Readable> {
    if (!this.entryNames.includes(name)) throw badSession(this.location, `has no entry ${name}`)
    const file = path.join(this.location, name)
    if (!name.endsWith('.ndjson')) return createReadStream(file)
    const length = await completeLinesLength(file)
    return length === 0 ? Readable.from([]) : createReadStream(file, { start: 0, end: length - 1 })
  }

  async readJson<T>(name: string, schema: z.ZodType<T>): Promise<T> {
    const text = await readBounded(await this.openEntry(name), sessionLimits.maxSummaryBytes, () => badSession(this.location, `${name} is too large`))
    return parseJsonEntry(this.location, name, text, schema)
  }

  async *events(options: EventReadOptions = {}): AsyncGenerator<ConsoleEvent> {
    if (!this.entryNames.includes(sessionEntries.events)) return
    const stream = createReadStream(path.join(this.location, sessionEntries.events))
    let done = 0
    // A crash can cut the last line short: it is dropped, everything before it is intact.
    const lines = ndjsonLines(stream, {
      maxLineBytes: sessionLimits.maxLineBytes,
      keepUnterminated: false,
      onBytes: (bytes) => options.onProgress?.((done += bytes), this.eventBytes),
      onUnterminated: (bytes) => {
        this.unterminatedBytes = bytes
      }
    })
    try {
      yield* validatedEvents(this.location, this.manifest, lines)
    } finally {
      stream.destroy()
    }
  }

  async close(): Promise<void> {}
}

/** Bytes up to and including the last newline of a file. */
async function completeLinesLength(file: string): Promise<number> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const buffer = Buffer.alloc(64 * 1024)
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - buffer.length)
      const { bytesRead } = await handle.read(buffer, 0, end - start, start)
      const newline = buffer.subarray(0, bytesRead).lastIndexOf(10)
      if (newline >= 0) return start + newline + 1
      end = start
    }
    return 0
  } finally {
    await handle.close()
  }
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const names: string[] = []
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) names.push(...(await listFiles(dir, name)))
    else if (entry.isFile()) names.push(name)
  }
  return names
}

/** Opens an autosave folder as a session (recovery, and packing it into a file). */
export async function openSessionFolder(dir: string): Promise<SessionSource> {
  let text: string
  try {
    text = await readFile(path.join(dir, sessionEntries.manifest), 'utf8')
  } catch (error) {
    throw badSession(dir, `has no readable manifest (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  const manifest = parseManifest(dir, text)
  const names = (await listFiles(dir)).filter(isSessionEntryName)
  const eventBytes = names.includes(sessionEntries.events) ? (await stat(path.join(dir, sessionEntries.events))).size : 0
  // Artifacts are listed in the manifest once complete; a half-written one is not part of the session.
  const listed = new Set<string>([sessionEntries.manifest, sessionEntries.events, sessionEntries.notes, ...manifest.entries.map((e) => e.name)])
  const complete = names.filter((name) => listed.has(name) || name.startsWith('streams/'))
  return new FolderSessionSource(dir, manifest, complete, eventBytes)
}
