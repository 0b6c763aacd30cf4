// The autosave folders under the app data dir: which belong to a live recorder, which were left
// by a recorder that crashed or a session never saved (recoverable), which are saved (removable).
import { createReadStream } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import type { RecoverableSession } from '../../shared/sessionTypes'
import { ownerFile, removeFolder, savedMarkerFile, type FolderOwner } from './sessionFolder'
import { manifestSchema, sessionEntries } from './sessionFormat'
import { createLogger } from '../log'

const log = createLogger('sessions')

const ownerSchema = z.object({ pid: z.number().int(), hostname: z.string(), startedAt: z.number() })

export interface AutosaveFolder {
  id: string
  dir: string
  owner: FolderOwner | null
  saved: boolean
}

/** Session ids are UUIDs; nothing else under the autosave root is ours to touch. */
const folderNamePattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function isAutosaveId(id: string): boolean {
  return folderNamePattern.test(id)
}

export async function listAutosaveFolders(root: string): Promise<AutosaveFolder[]> {
  let names: string[]
  try {
    names = await readdir(root)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const folders: AutosaveFolder[] = []
  for (const id of names.filter(isAutosaveId)) {
    const dir = path.join(root, id)
    const owner = await readOwner(dir)
    const saved = await stat(path.join(dir, savedMarkerFile)).then(
      () => true,
      () => false
    )
    folders.push({ id, dir, owner, saved })
  }
  return folders
}

async function readOwner(dir: string): Promise<FolderOwner | null> {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(await readFile(path.join(dir, ownerFile), 'utf8')))
    return parsed.success ? parsed.data : null
  } catch (error) {
    // No owner file (or a damaged one): nobody can be writing it.
    log.debug(`no owner for the autosave ${dir}`, error)
    return null
  }
}

/**
 * Whether the recorder that owns a folder still runs. A folder of another host is assumed alive
 * (a shared home folder); this process's own pid counts as dead unless the caller holds the folder.
 */
export function ownerIsAlive(owner: FolderOwner | null): boolean {
  if (!owner) return false
  if (owner.hostname !== os.hostname()) return true
  if (owner.pid === process.pid) return false
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Lines in an NDJSON file, counted without parsing (the recovery banner shows it). */
async function countLines(file: string): Promise<{ lines: number; mtimeMs: number }> {
  let lines = 0
  try {
    const { mtimeMs } = await stat(file)
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++
    }
    return { lines, mtimeMs }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: 0, mtimeMs: 0 }
    throw error
  }
}

/** Describes a folder for the recovery offer; null when it holds nothing readable. */
export async function describeAutosave(folder: AutosaveFolder): Promise<RecoverableSession | null> {
  let manifest
  try {
    manifest = manifestSchema.safeParse(JSON.parse(await readFile(path.join(folder.dir, sessionEntries.manifest), 'utf8')))
  } catch (error) {
    log.debug(`the autosave ${folder.dir} has no readable manifest`, error)
    return null
  }
  if (!manifest.success) return null
  const { lines, mtimeMs } = await countLines(path.join(folder.dir, sessionEntries.events))
  return {
    id: folder.id,
    title: manifest.data.title,
    startedAt: manifest.data.startedAt,
    lastCapturedAt: Math.max(manifest.data.endedAt ?? 0, Math.round(mtimeMs), manifest.data.startedAt),
    events: lines,
    finished: manifest.data.endedAt !== null
  }
}

/** Folders whose session is safely in a file: left only when a crash came between save and cleanup. */
export async function removeSavedAutosaves(folders: readonly AutosaveFolder[]): Promise<void> {
  for (const folder of folders) if (folder.saved && !ownerIsAlive(folder.owner)) await removeFolder(folder.dir)
}
