// The profiler's part of a saved session: each CPU profile with its top functions (the same rows
// as `spyglass profile --json`).
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { ProfileReport } from '../../shared/profileTypes'
import { textTable } from '../../shared/textTable'
import { formatDuration, type SessionPart, type SessionSource } from '../sessions'
import { profileReport } from './profileRows'
import { loadProfile } from './profileWorker'

/** A CPU profile of the session as `inspect --json` lists it. */
export interface SessionProfile extends ProfileReport {
  /** The zip entry: unzip it to open the profile in DevTools or speedscope. */
  entry: string
  capturedAt: number
}

/** Top functions per profile in the summary; the whole table is one `spyglass profile` away. */
const profileFunctionRows = 50

export const profilerSessionPart: SessionPart<{ profiles: SessionProfile[] }> = {
  name: 'profiler',
  summarize: (source) => ({ finish: async () => ({ profiles: await summarizeProfiles(source) }) }),
  format({ profiles }) {
    const lines: string[] = []
    for (const profile of profiles) {
      lines.push(`CPU profile ${profile.entry} (${formatDuration(profile.durationMs)}, ${profile.samples} samples), top functions by self time:`)
      const rows = profile.functions.slice(0, 5).map((f) => {
        const where = f.url ? ` ${path.basename(f.url)}${f.line === null ? '' : `:${f.line}`}` : ''
        return [`${f.selfPct.toFixed(1)}%`, `${f.selfMs.toFixed(1)} ms`, `${f.functionName || '(anonymous)'}${where}`]
      })
      lines.push(...textTable(rows, { align: ['right', 'right'], indent: '  ' }))
      lines.push('')
    }
    return lines
  }
}

/** Each profile is copied out of the session to a temporary file, which the profile loader streams. */
async function summarizeProfiles(source: SessionSource): Promise<SessionProfile[]> {
  const entries = source.manifest.entries.filter((e) => e.kind === 'cpuprofile' && source.entryNames.includes(e.name))
  if (entries.length === 0) return []
  const dir = await mkdtemp(path.join(os.tmpdir(), 'spyglass-inspect-'))
  try {
    const profiles: SessionProfile[] = []
    for (const entry of entries) {
      const file = path.join(dir, path.basename(entry.name))
      await pipeline(await source.openEntry(entry.name), createWriteStream(file))
      const { model } = await loadProfile(file)
      profiles.push({ entry: entry.name, capturedAt: entry.capturedAt ?? source.manifest.startedAt, ...profileReport(model, { limit: profileFunctionRows }) })
    }
    return profiles
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
