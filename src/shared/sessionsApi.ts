// The sessions domain's part of the API contract: recordings, sessions opened from .spyglass
// files, the recent list and the autosaves left by crashed recordings.
import { z } from 'zod'
import { defineEvents, defineRequests, noParams, optionalParams, payload, result, type EventTypes, type RequestTypes } from './contract'
import type { RecentSession, RecoverableSession, SessionInfo, SessionProgress } from './sessionTypes'

const sessionId = z.object({ sessionId: z.string().min(1) })
const autosaveId = z.object({ id: z.string().min(1) })

export const sessionsRequests = defineRequests({
  /** Recordings in progress or stopped, and sessions opened from files. */
  'sessions.list': { params: noParams, result: result<SessionInfo[]>() },
  /** Start recording a target and its workers (what is already captured is included). */
  'sessions.record': { params: z.object({ targetId: z.string().min(1) }), result: result<SessionInfo>() },
  'sessions.stop': { params: sessionId, result: result<SessionInfo>() },
  /**
   * Pack a session into a .spyglass file. Without a path the desktop app asks with a native
   * dialog (null: the user cancelled); the browser workbench downloads instead (see the server).
   */
  'sessions.save': { params: sessionId.extend({ path: z.string().min(1).optional() }), result: result<{ file: string } | null>() },
  /** Open a .spyglass file read-only; without a path the desktop app asks with a dialog. */
  'sessions.open': {
    params: optionalParams(z.object({ path: z.string().min(1).optional() }).strict()),
    result: result<SessionInfo | null>()
  },
  /** Close a session: an opened one is forgotten, a recording is stopped first. */
  'sessions.close': { params: sessionId, result: result<void>() },
  'sessions.recent': { params: noParams, result: result<RecentSession[]>() },
  'sessions.forgetRecent': { params: z.object({ file: z.string().min(1) }), result: result<RecentSession[]>() },
  /** Autosaves left by recordings that crashed or were never saved. */
  'sessions.recoverable': { params: noParams, result: result<RecoverableSession[]>() },
  /** Open an autosave as a session (then save it like any other). */
  'sessions.recover': { params: autosaveId, result: result<SessionInfo>() },
  'sessions.discard': { params: autosaveId, result: result<void>() }
})

export const sessionsEvents = defineEvents({
  /** The whole session list, whenever a session starts, stops, is saved, opened or closed. */
  'sessions.changed': payload<SessionInfo[]>(),
  /** Progress of long opens and saves (a few updates a second at most). */
  'sessions.progress': payload<SessionProgress>()
})

export type SessionsRequests = RequestTypes<typeof sessionsRequests>
export type SessionsEvents = EventTypes<typeof sessionsEvents>
