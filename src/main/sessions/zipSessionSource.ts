// Reads a session from a .spyglass zip or from an autosave folder through one interface.
// Everything read is validated against the format spec; sizes are bounded before anything is
// inflated, so that truncated, corrupted or hostile files end in a one-line error.
import { close as closeFd, createReadStream, open as openFd, read as readFd } from 'node:fs'
import { open, readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { Readable, Transform } from 'node:stream'
import zlib from 'node:zlib'
import yauzl from 'yauzl'
import type { ConsoleEvent } from '../../shared/consoleTypes'
import { UserError } from '../../shared/userError'
import { LineTooLongError, ndjsonLines } from './ndjsonLines'
import {
  isSessionEntryName,
  manifestHeaderSchema,
  manifestSchema,
  sessionEntries,
  sessionEventSchema,
  sessionFormatName,
  sessionFormatVersion,
  type SessionManifest
} from './sessionFormat'
import type { z } from 'zod'

export const sessionLimits = {
  /** More entries than any session writes: a file with more is not one of ours. */
  maxEntries: 100_000,
  maxManifestBytes: 4 * 1024 * 1024,
  /** Summaries and notes are parsed whole (one string, one JSON.parse): what that costs must stay small. */
  maxSummaryBytes: 64 * 1024 * 1024,
  maxLineBytes: 64 * 1024 * 1024,
  /** Deflate cannot shrink data more than ~1032:1; a larger declared ratio is a lie or a bomb. */
  maxCompressionRatio: 1100,
  maxEntryBytes: 256 * 1024 * 1024 * 1024
}

export interface EventReadOptions {
  onProgress?: (done: number, total: number) => void
}

export interface SessionSource {
  /** The file or folder, for messages. */
  readonly location: string
  readonly manifest: SessionManifest
  /** Entry names present (and acceptable), manifest included. */
  readonly entryNames: readonly string[]
  /** Bytes of the events entry, uncompressed, for progress. */
  readonly eventBytes: number
  /** Every event, validated, oldest first. */
  events(options?: EventReadOptions): AsyncGenerator<ConsoleEvent>
  /** A JSON entry (a summary, the notes), validated. */
  readJson<T>(entry: string, schema: z.ZodType<T>): Promise<T>
  /** The raw bytes of an entry (an artifact), streamed. */
  openEntry(entry: string): Promise<Readable>
  close(): Promise<void>
}

/** Names and library messages come from the file: control characters are shown escaped, so that a message stays one line. */
function oneLine(text: string): string {
  return text.replace(/\p{Cc}|[\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function badSession(location: string, reason: string): UserError {
  return new UserError('BAD_SESSION', oneLine(`${path.basename(location)}: ${reason}`))
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  return `${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}`
}

/** Checks the header first, so that a newer file gets the version message rather than a schema error. */
function parseManifest(location: string, text: string): SessionManifest {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw badSession(location, 'manifest.json is not valid JSON (the file is damaged)')
  }
  const header = manifestHeaderSchema.safeParse(json)
  if (!header.success) {
    const format = (json as { format?: unknown } | null)?.format
    if (format !== sessionFormatName) throw badSession(location, 'not a Spyglass session (its manifest names another format)')
    throw badSession(location, `manifest.json: ${firstIssue(header.error)}`)
  }
  if (header.data.formatVersion > sessionFormatVersion) {
    throw badSession(
      location,
      `written by a newer Spyglass (session format ${header.data.formatVersion}; this version reads up to ${sessionFormatVersion}) — update Spyglass to open it`
    )
  }
  const manifest = manifestSchema.safeParse(json)
  if (!manifest.success) throw badSession(location, `manifest.json: ${firstIssue(manifest.error)}`)
  return manifest.data
}

async function* validatedEvents(location: string, manifest: SessionManifest, lines: AsyncIterable<string>): AsyncGenerator<ConsoleEvent> {
  const targetIds = new Set(manifest.targets.map((t) => t.id))
  let lineNumber = 0
  try {
    for await (const line of lines) {
      lineNumber++
      let json: unknown
      try {
        json = JSON.parse(line)
      } catch {
        throw badSession(location, `events.ndjson line ${lineNumber} is not valid JSON (the file is damaged)`)
      }
      const event = sessionEventSchema.safeParse(json)
      if (!event.success) throw badSession(location, `events.ndjson line ${lineNumber}: ${firstIssue(event.error)}`)
      if (!targetIds.has(event.data.targetId)) throw badSession(location, `events.ndjson line ${lineNumber} names target ${event.data.targetId}, which the manifest does not list`)
      yield event.data
    }
  } catch (error) {
    if (error instanceof LineTooLongError) throw badSession(location, `events.ndjson has ${error.message}`)
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// .spyglass zip files

/**
 * The file as yauzl reads it. yauzl's own reader hands offsets from the file to fs.read unchecked;
 * one past 2^53 (a zip64 record can say anything) makes fs.read throw inside a callback: an
 * uncaught exception, and an open that never settles. Here a read outside the file is an error.
 */
class BoundedFileReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly fd: number,
    private readonly size: number
  ) {
    super()
  }

  private outside(position: number, length: number): boolean {
    return !Number.isSafeInteger(position) || position < 0 || position + length > this.size
  }

  /** Positional reads on the shared descriptor (an fs.ReadStream would close it when destroyed). */
  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd
    const outside = this.outside(start, end - start)
    let position = start
    return new Readable({
      highWaterMark: 64 * 1024,
      read(size) {
        if (outside) return void this.destroy(new Error('unexpected EOF'))
        const length = Math.min(size, end - position)
        if (length <= 0) return void this.push(null)
        const buffer = Buffer.allocUnsafe(length)
        readFd(fd, buffer, 0, length, position, (error, bytesRead) => {
          if (error) return void this.destroy(error)
          position += bytesRead
          // Short of the range: yauzl's byte count reports it.
          this.push(bytesRead === 0 ? null : buffer.subarray(0, bytesRead))
        })
      }
    })
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null, bytesRead?: number) => void): void {
    if (this.outside(position, length)) {
      setImmediate(() => callback(new Error('unexpected EOF')))
      return
    }
    readFd(this.fd, buffer, offset, length, position, (error, bytesRead) => callback(error, bytesRead))
  }

  override close(callback: (error: Error | null) => void): void {
    closeFd(this.fd, callback)
  }
}

function openZip(file: string, size: number): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    openFd(file, 'r', (openError, fd) => {
      if (openError) return reject(openError)
      const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }
      yauzl.fromRandomAccessReader(new BoundedFileReader(fd, size), size, options, (error, zip) => {
        // yauzl hands a reader it could not open back unclosed; a failure to close is not the news here.
        if (error) closeFd(fd, () => reject(error))
        else resolve(zip)
      })
    })
  })
}

function readEntries(zip: yauzl.ZipFile, location: string): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>()
    let seen = 0
    zip.on('entry', (entry: yauzl.Entry) => {
      // Every entry counts, whatever its name: reading a directory costs time whether or not its entries are kept.
      if (++seen > sessionLimits.maxEntries) {
        reject(badSession(location, `more than ${sessionLimits.maxEntries} entries: not a Spyglass session`))
        return
      }
      if (isSessionEntryName(entry.fileName)) entries.set(entry.fileName, entry)
      zip.readEntry()
    })
    zip.once('end', () => resolve(entries))
    zip.once('error', reject)
    zip.readEntry()
  })
}

/** Verifies the CRC-32 of what passes through: zip readers (yauzl included) do not. */
function crcCheck(expected: number, onMismatch: () => Error): Transform {
  let crc = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = zlib.crc32(chunk, crc)
      done(null, chunk)
    },
    flush(done) {
      done(crc >>> 0 === expected >>> 0 ? null : onMismatch())
    }
  })
}

function describeZipError(location: string, error: Error): UserError {
  if (error instanceof UserError) return error
  const message = error.message
  if (/end of central directory record signature not found/i.test(message)) {
    return badSession(location, 'not a Spyglass session (not a zip file, or truncated)')
  }
  if (/invalid relative path|absolute path|invalid characters in fileName/i.test(message)) {
    return badSession(location, `an entry has an unsafe name (${message})`)
  }
  return badSession(location, `damaged (${message.split('\n')[0]})`)
}

class ZipSessionSource implements SessionSource {
  readonly entryNames: string[]
  readonly eventBytes: number

  constructor(
    readonly location: string,
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    readonly manifest: SessionManifest
  ) {
    this.entryNames = [...entries.keys()]
    this.eventBytes = entries.get(sessionEntries.events)?.uncompressedSize ?? 0
  }

  openEntry(name: string): Promise<Readable> {
    return openZipEntry(this.zip, this.entries, this.location, name)
  }

  async readJson<T>(name: string, schema: z.ZodType<T>): Promise<T> {
    const entry = this.entries.get(name)
    if (!entry) throw badSession(this.location, `has no entry ${name}`)
    if (entry.uncompressedSize > sessionLimits.maxSummaryBytes) throw badSession(this.location, `${name} is too large`)
    const text = await readBounded(await this.openEntry(name), sessionLimits.maxSummaryBytes, () => badSession(this.location, `${name} is too large`))
    return parseJsonEntry(this.location, name, text, schema)
  }

  async *events(options: EventReadOptions = {}): AsyncGenerator<ConsoleEvent> {
    if (!this.entries.has(sessionEntries.events)) return
    const stream = await this.openEntry(sessionEntries.events)
    let done = 0
    const lines = ndjsonLines(stream, {
      maxLineBytes: sessionLimits.maxLineBytes,
      keepUnterminated: true,
      onBytes: (bytes) => options.onProgress?.((done += bytes), this.eventBytes)
    })
    try {
      yield* validatedEvents(this.location, this.manifest, lines)
    } finally {
      stream.destroy()
    }
  }

  async close(): Promise<void> {
    this.zip.close()
  }
}

async function openZipEntry(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, location: string, name: string): Promise<Readable> {
  const entry = entries.get(name)
  if (!entry) throw badSession(location, `has no entry ${name}`)
  let raw: Readable
  try {
    raw = await zip.openReadStreamPromise(entry)
  } catch (error) {
    throw describeZipError(location, error as Error)
  }
  const checked = crcCheck(entry.crc32, () => badSession(location, `${name} is damaged (checksum mismatch)`))
  raw.on('error', (error: Error) => checked.destroy(describeZipError(location, error)))
  return raw.pipe(checked)
}

async function readBounded(stream: Readable, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) {
      stream.destroy()
      throw tooLarge()
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function parseJsonEntry<T>(location: string, name: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw badSession(location, `${name} is not valid JSON (the file is damaged)`)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw badSession(location, `${name}: ${firstIssue(parsed.error)}`)
  return parsed.data
}

function checkDeclaredSizes(location: string, entries: Map<string, yauzl.Entry>): void {
  for (const entry of entries.values()) {
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
    if (entry.uncompressedSize > sessionLimits.maxEntryBytes || (entry.uncompressedSize > 1024 * 1024 && ratio > sessionLimits.maxCompressionRatio)) {
      throw badSession(location, `${entry.fileName} declares an impossible size (${entry.uncompressedSize} bytes from ${entry.compressedSize}): refusing a zip bomb`)
    }
    if (entry.isEncrypted()) throw badSession(location, `${entry.fileName} is encrypted: not a Spyglass session`)
  }
}

/** Opens a .spyglass file: reads its directory and manifest; events and artifacts stream on demand. */
export async function openSessionFile(file: string): Promise<SessionSource> {
  let info
  try {
    info = await stat(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UserError('BAD_SESSION', oneLine(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? (error as Error).message})`))
  }
  if (info.isDirectory()) throw badSession(file, 'is a folder, not a .spyglass file')
  // A pipe would block the open until someone writes to it; a device may never end.
  if (!info.isFile()) throw badSession(file, 'is not a regular file')
  let zip: yauzl.ZipFile
  try {
    zip = await openZip(file, info.size)
  } catch (error) {
    throw describeZipError(file, error as Error)
  }
  try {
    if (zip.entryCount > sessionLimits.maxEntries) throw badSession(file, `more than ${sessionLimits.maxEntries} entries: not a Spyglass session`)
    const entries = await readEntries(zip, file).catch((error: Error) => {
      throw describeZipError(file, error)
    })
    checkDeclaredSizes(file, entries)
    const manifestEntry = entries.get(sessionEntries.manifest)
    if (!manifestEntry) throw badSession(file, 'not a Spyglass session (no manifest.json)')
    if (manifestEntry.uncompressedSize > sessionLimits.maxManifestBytes) throw badSession(file, 'manifest.json is too large')
    const text = await readBounded(await openZipEntry(zip, entries, file, sessionEntries.manifest), sessionLimits.maxManifestBytes, () => badSession(file, 'manifest.json is too large'))
    const manifest = parseManifest(file, text)
    // A damaged name hides an entry: what the manifest says is there must be there.
    if (manifest.counts.events > 0 && !entries.has(sessionEntries.events)) {
      throw badSession(file, `has no ${sessionEntries.events} though its manifest counts ${manifest.counts.events} events (the file is damaged)`)
    }
    const missing = manifest.entries.find((entry) => !entries.has(entry.name))
    if (missing) throw badSession(file, `has no ${missing.name} though its manifest lists it (the file is damaged)`)
    return new ZipSessionSource(file, zip, entries, manifest)
  } catch (error) {
    zip.close()
    throw error instanceof UserError ? error : describeZipError(file, error as Error)
  }
}

// ---------------------------------------------------------------------------------------------
// Autosave folders

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
