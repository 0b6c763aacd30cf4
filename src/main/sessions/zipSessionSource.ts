// Reads a session from a .spyglass zip. Everything read is validated against the format spec
// (sessionValidation.ts); sizes are bounded before anything is inflated and every entry's CRC-32
// is checked, so that truncated, corrupted or hostile files end in a one-line error.
import { close as closeFd, open as openFd, read as readFd } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable, Transform } from 'node:stream'
import zlib from 'node:zlib'
import yauzl from 'yauzl'
import type { z } from 'zod'
import type { ConsoleEvent } from '../../shared/consoleTypes'
import { UserError } from '../../shared/userError'
import { ndjsonLines } from './ndjsonLines'
import { isSessionEntryName, sessionEntries, type SessionManifest } from './sessionFormat'
import { sessionLimits, type EventReadOptions, type SessionSource } from './sessionSource'
import { badSession, oneLine, parseJsonEntry, parseManifest, readBounded, validatedEvents } from './sessionValidation'

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
  const code = (error as NodeJS.ErrnoException).code
  // The file is fine; this process may not read it.
  if (code === 'EACCES' || code === 'EPERM') return badSession(location, `cannot be read (${code}: permission denied)`)
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
