// The autosave folder of a recording: the session's entries as plain files, written as they are
// captured, so that a crash of the target, of Spyglass or of the machine loses nothing already
// captured. NDJSON is appended and synced to disk batch by batch; the manifest is replaced
// atomically (write, sync, rename). Saving packs this folder into a .spyglass zip.
import { copyFile, mkdir, open, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ConsoleEvent } from '../../shared/consoleTypes'
import { sessionEntries, streamEntry, summaryEntry, type SessionManifest } from './sessionFormat'
import { createLogger } from '../log'

const log = createLogger('sessions')

/** Who is writing a folder: recovery leaves folders of live writers alone. */
export interface FolderOwner {
  pid: number
  hostname: string
  startedAt: number
}

export const ownerFile = 'owner.json'
/** Written once the session is safely in a .spyglass file: the folder may then go. */
export const savedMarkerFile = 'saved.json'

/** An append-only NDJSON file whose writes are coalesced and synced in order. */
class NdjsonAppender {
  private handle: Promise<FileHandle>
  private queued: string[] = []
  private writing: Promise<void> | null = null
  failure: Error | null = null
  bytes = 0

  constructor(file: string) {
    // The folder is synced once the file exists, so that a power loss cannot drop its name.
    // Streams live under streams/, which exists only once the first of them is written.
    this.handle = mkdir(path.dirname(file), { recursive: true }).then(() => open(file, 'a')).then(async (handle) => {
      await syncDirectory(path.dirname(file))
      return handle
    })
    this.handle.catch((error: Error) => {
      this.failure = error
    })
  }

  append(text: string): void {
    if (text.length === 0) return
    this.queued.push(text)
    this.writing ??= this.drain()
  }

  /** Resolves once everything appended so far is on disk. */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing
    if (this.failure) throw this.failure
  }

  async close(): Promise<void> {
    await this.flushed().catch(log.dropped('the last write before closing failed'))
    await (await this.handle.catch(log.dropped('the file was never opened', null)))?.close()
  }

  private async drain(): Promise<void> {
    try {
      const handle = await this.handle
      while (this.queued.length > 0) {
        // Everything queued while the previous write was on its way goes out as one write.
        const chunk = this.queued.join('')
        this.queued = []
        await handle.write(chunk)
        await handle.datasync()
        this.bytes += Buffer.byteLength(chunk)
      }
    } catch (error) {
      this.failure = error as Error
      this.queued = []
    } finally {
      this.writing = null
    }
  }
}

/** An event as stored in a session: live object handles mean nothing once the target is gone. */
export function sessionLineOf(event: ConsoleEvent): string {
  if (!event.args?.some((a) => a.objectId !== undefined)) return JSON.stringify(event)
  return JSON.stringify({ ...event, args: event.args.map(({ objectId: _dropped, ...rest }) => rest) })
}

export class SessionFolderWriter {
  private readonly events: NdjsonAppender
  private readonly streams = new Map<string, NdjsonAppender>()
  private manifestWrite: Promise<void> = Promise.resolve()
  private manifestFailure: Error | null = null

  private constructor(
    readonly dir: string,
    private manifest: SessionManifest
  ) {
    this.events = new NdjsonAppender(path.join(dir, sessionEntries.events))
  }

  /** Creates `root/<sessionId>` with its owner and a first manifest. */
  static async create(root: string, manifest: SessionManifest): Promise<SessionFolderWriter> {
    const dir = path.join(root, manifest.sessionId)
    await mkdir(dir, { recursive: true })
    const owner: FolderOwner = { pid: process.pid, hostname: os.hostname(), startedAt: Date.now() }
    await writeFile(path.join(dir, ownerFile), JSON.stringify(owner))
    const writer = new SessionFolderWriter(dir, manifest)
    await writer.writeManifest(manifest)
    await syncDirectory(root)
    return writer
  }

  get currentManifest(): SessionManifest {
    return this.manifest
  }

  get failure(): Error | null {
    return this.events.failure ?? this.manifestFailure ?? [...this.streams.values()].find((s) => s.failure)?.failure ?? null
  }

  appendEvents(events: readonly ConsoleEvent[]): void {
    let text = ''
    for (const event of events) text += sessionLineOf(event) + '\n'
    this.events.append(text)
  }

  /** One more NDJSON stream (metric samples, breakpoint hits…), under streams/. */
  appendRecords(stream: string, records: readonly unknown[]): void {
    const entry = streamEntry(stream)
    let appender = this.streams.get(entry)
    if (!appender) {
      const file = path.join(this.dir, entry)
      appender = new NdjsonAppender(file)
      this.streams.set(entry, appender)
    }
    let text = ''
    for (const record of records) text += JSON.stringify(record) + '\n'
    appender.append(text)
  }

  /** Where an artifact (a profile, a snapshot) is to be streamed; list it with `updateManifest` once complete. */
  async artifactPath(entry: string): Promise<string> {
    const file = path.join(this.dir, entry)
    await mkdir(path.dirname(file), { recursive: true })
    return file
  }

  /**
   * Adds a complete artifact (a .cpuprofile, a .heapsnapshot) by copying `file` in, synced, and
   * lists it in the manifest only then: a crash mid-copy leaves no half artifact in the session.
   */
  async addArtifact(entry: string, kind: 'cpuprofile' | 'heapsnapshot', file: string, capturedAt: number): Promise<void> {
    const target = await this.artifactPath(entry)
    const temporary = `${target}.${process.pid}.partial`
    await copyFile(file, temporary)
    await syncAndRename(temporary, target)
    const { size } = await stat(target)
    await this.updateManifest((m) => ({ ...m, entries: [...m.entries.filter((e) => e.name !== entry), { name: entry, kind, bytes: size, capturedAt }] }))
  }

  /** Writes a JSON summary (error groups, a profile's summary…) under summaries/ and lists it in the manifest. */
  async writeSummary(name: string, value: unknown): Promise<void> {
    const entry = summaryEntry(name)
    const file = await this.artifactPath(entry)
    const text = JSON.stringify(value)
    await writeAtomically(file, text)
    await this.updateManifest((m) => ({
      ...m,
      entries: [...m.entries.filter((e) => e.name !== entry), { name: entry, kind: 'summary', bytes: Buffer.byteLength(text), capturedAt: Date.now() }]
    }))
  }

  /** Replaces the manifest atomically; writes are ordered, the last one wins. */
  updateManifest(update: (manifest: SessionManifest) => SessionManifest): Promise<void> {
    this.manifest = update(this.manifest)
    const next = this.manifest
    this.manifestWrite = this.manifestWrite.then(() =>
      this.writeManifest(next).catch((error: Error) => {
        this.manifestFailure = error
      })
    )
    return this.manifestWrite
  }

  /** Everything appended and every manifest update so far is on disk. */
  async flushed(): Promise<void> {
    await this.events.flushed()
    for (const stream of this.streams.values()) await stream.flushed()
    await this.manifestWrite
    if (this.manifestFailure) throw this.manifestFailure
  }

  async close(): Promise<void> {
    await this.manifestWrite
    await this.events.close()
    for (const stream of this.streams.values()) await stream.close()
  }

  private async writeManifest(manifest: SessionManifest): Promise<void> {
    const file = path.join(this.dir, sessionEntries.manifest)
    await writeAtomically(file, JSON.stringify(manifest, null, 2))
  }
}

/** Write to a temporary name, sync, rename: readers see the old file or the new one, never half. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`
  const handle = await open(temporary, 'w')
  try {
    await handle.writeFile(text)
    await handle.datasync()
  } finally {
    await handle.close()
  }
  await rename(temporary, file)
  await syncDirectory(path.dirname(file))
}

/** Syncs a file's data, then renames it into place and syncs the folder, so that the name survives a power loss too. */
export async function syncAndRename(temporary: string, file: string): Promise<void> {
  const handle = await open(temporary, 'r+')
  try {
    await handle.datasync()
  } finally {
    await handle.close()
  }
  await rename(temporary, file)
  await syncDirectory(path.dirname(file))
}

/** A new or renamed entry is durable only once its folder is synced (POSIX); Windows cannot open folders for it. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export async function removeFolder(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}
