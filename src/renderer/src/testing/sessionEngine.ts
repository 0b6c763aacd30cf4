// A stubbed session engine for presenter tests: the sessions.* requests over an in-memory list,
// announcing changes with sessions.changed as the real workbench does.
import type { AppInfo } from '../../../shared/api'
import type { RecentSession, RecoverableSession, SessionInfo } from '../../../shared/sessionTypes'
import { session } from './fixtures'
import type { MemoryClient, MemoryHandlers } from './memoryClient'

export interface SessionEngine {
  sessions: SessionInfo[]
  recent: RecentSession[]
  recoverable: RecoverableSession[]
  /** What the next sessions.save / sessions.open without a path answers (the native dialog). */
  dialog: { savePath: string | null; openPath: string | null }
}

export function installSessionEngine(client: MemoryClient, shell: AppInfo['shell'], initial: Partial<SessionEngine> = {}): SessionEngine {
  const engine: SessionEngine = {
    sessions: initial.sessions ?? [],
    recent: initial.recent ?? [],
    recoverable: initial.recoverable ?? [],
    dialog: initial.dialog ?? { savePath: '/home/me/run.spyglass', openPath: '/home/me/old.spyglass' }
  }
  let next = 1
  const changed = (): void => client.emit('sessions.changed', [...engine.sessions])
  const find = (id: string): SessionInfo => {
    const found = engine.sessions.find((s) => s.id === id)
    if (!found) throw { code: 'UNKNOWN_TARGET', message: `no session ${id}` }
    return found
  }
  const replace = (updated: SessionInfo): SessionInfo => {
    engine.sessions = engine.sessions.map((s) => (s.id === updated.id ? updated : s))
    changed()
    return updated
  }
  const opened = (file: string): SessionInfo => {
    const id = `opened${next++}`
    const info = session(id, { state: 'opened', file, saved: true, rootTargetId: `${id}-t`, targetIds: [`${id}-t`], endedAt: 1_700_000_060_000 })
    engine.sessions.push(info)
    engine.recent = [{ file, title: info.title, openedAt: 1_700_000_200_000, startedAt: info.startedAt, endedAt: info.endedAt, events: 3 }, ...engine.recent.filter((r) => r.file !== file)]
    changed()
    return info
  }

  const handlers: MemoryHandlers = {
    'app.info': () => ({ name: 'Spyglass', version: '0.0.0-test', shell, platform: 'linux', nodeVersion: 'v22.0.0' }),
    'sessions.list': () => [...engine.sessions],
    'sessions.record': ({ targetId }) => {
      const info = session(`rec${next++}`, { rootTargetId: targetId, targetIds: [targetId] })
      engine.sessions.push(info)
      changed()
      return info
    },
    'sessions.stop': ({ sessionId }) => replace({ ...find(sessionId), state: 'stopped', endedAt: 1_700_000_010_000 }),
    'sessions.save': ({ sessionId, path }) => {
      const file = path ?? engine.dialog.savePath
      if (file === null) return null
      replace({ ...find(sessionId), file, saved: true })
      return { file }
    },
    'sessions.open': ({ path }) => {
      const file = path ?? engine.dialog.openPath
      return file === null ? null : opened(file)
    },
    'sessions.close': ({ sessionId }) => {
      find(sessionId)
      engine.sessions = engine.sessions.filter((s) => s.id !== sessionId)
      changed()
    },
    'sessions.recent': () => [...engine.recent],
    'sessions.forgetRecent': ({ file }) => (engine.recent = engine.recent.filter((r) => r.file !== file)),
    'sessions.recoverable': () => [...engine.recoverable],
    'sessions.recover': ({ id }) => {
      if (!engine.recoverable.some((r) => r.id === id)) throw { code: 'BAD_REQUEST', message: `no unsaved session ${id}` }
      engine.recoverable = engine.recoverable.filter((r) => r.id !== id)
      const info = session(`recovered-${id}`, { state: 'opened', recovered: true, rootTargetId: `${id}-t`, targetIds: [`${id}-t`], endedAt: 1_700_000_030_000 })
      engine.sessions.push(info)
      changed()
      return info
    },
    'sessions.discard': ({ id }) => {
      engine.recoverable = engine.recoverable.filter((r) => r.id !== id)
    }
  }
  Object.assign(client.handlers, handlers)
  return engine
}
