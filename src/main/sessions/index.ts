export { SessionService, type FilePicker, type SessionServiceOptions } from './sessionService'
export { createConfRecentSessionsStore, createMemoryRecentSessionsStore, createRecentSessionsStore, type RecentSessionsStore } from './recentSessions'
export { openSessionFile, openSessionFolder, type SessionSource } from './sessionSource'
export type { RecorderStream, RecorderContext } from './recorder'
