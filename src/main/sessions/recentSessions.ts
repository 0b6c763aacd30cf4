// The recent-sessions list: electron-store in the desktop app, conf in the CLI and web host,
// validated on read like everything else from disk.
import Conf from 'conf'
import { z } from 'zod'
import type { RecentSession } from '../../shared/sessionTypes'

export interface RecentSessionsStore {
  list(): RecentSession[]
  add(entry: RecentSession): RecentSession[]
  forget(file: string): RecentSession[]
}

const recentSchema = z.array(
  z.object({
    file: z.string(),
    title: z.string(),
    openedAt: z.number(),
    startedAt: z.number(),
    endedAt: z.number().nullable(),
    events: z.number().int().nonnegative()
  })
)

export const maxRecentSessions = 20

export function createRecentSessionsStore(backing: { read(): unknown; write(value: RecentSession[]): void }): RecentSessionsStore {
  const parsed = recentSchema.safeParse(backing.read() ?? [])
  let current: RecentSession[] = parsed.success ? parsed.data : []
  const save = (next: RecentSession[]): RecentSession[] => {
    current = next
    backing.write(current)
    return current
  }
  return {
    list: () => current,
    add: (entry) => save([entry, ...current.filter((e) => e.file !== entry.file)].slice(0, maxRecentSessions)),
    forget: (file) => save(current.filter((e) => e.file !== file))
  }
}

export function createConfRecentSessionsStore(options: { cwd?: string } = {}): RecentSessionsStore {
  const conf = new Conf<{ recent?: unknown }>({ projectName: 'spyglass', configName: 'recent-sessions', cwd: options.cwd })
  return createRecentSessionsStore({ read: () => conf.get('recent'), write: (value) => conf.set('recent', value) })
}

export function createMemoryRecentSessionsStore(): RecentSessionsStore {
  let stored: unknown = []
  return createRecentSessionsStore({ read: () => stored, write: (value) => (stored = value) })
}
