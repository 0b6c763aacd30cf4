// The app's own part of the API contract: what the page asks about the shell it runs in, and
// what a shell asks the page to do.
import { defineEvents, defineRequests, noParams, payload, result, type EventTypes, type RequestTypes } from './contract'

export interface AppInfo {
  name: string
  version: string
  /** Which shell the renderer is running in. */
  shell: 'electron' | 'web'
  platform: string
  nodeVersion: string
}

export type AppCommand =
  | { command: 'openAttach' }
  | { command: 'showShortcuts' }
  | { command: 'openSession' }
  | { command: 'saveSession' }

export const appRequests = defineRequests({
  'app.info': { params: noParams, result: result<AppInfo>() }
})

export const appEvents = defineEvents({
  /** A shell asks the page to do something the user chose outside it (the desktop app menu). */
  'app.command': payload<AppCommand>()
})

export type AppRequests = RequestTypes<typeof appRequests>
export type AppEvents = EventTypes<typeof appEvents>
