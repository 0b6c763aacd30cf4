// The sessions store, as its views see it: the state each slice holds and the actions it offers.
// The store is sessionsStore.ts; its slices are recordingSlice.ts (recording, saving, closing the
// sessions the engine holds) and sessionLibrarySlice.ts (opening files, recent and unsaved sessions).
import type { StoreApi } from 'zustand/vanilla'
import type { AppInfo } from '../../../shared/api'
import type { RecentSession, RecoverableSession, SessionInfo, SessionProgress } from '../../../shared/sessionTypes'

/**
 * How session files cross between the page and the host. The desktop app reads and writes
 * them itself (native dialogs, dropped files' paths); the browser workbench goes through the
 * server's /sessions routes. See api/sessionFiles.ts.
 */
export interface SessionFileTransfer {
  /** Browser: the host saves the session into its library and the page downloads the file. */
  download(sessionId: string): Promise<void>
  /** Browser: copies a file the user picked onto the host; resolves with its path there. */
  upload(file: File): Promise<string>
  /** Desktop app: the path of a dropped file; null where the shell cannot tell. */
  pathOf(file: File): string | null
}

export type SessionAction = 'record' | 'stop' | 'save' | 'close' | 'recover' | 'discard'

/** The sessions the engine holds, and what is in flight on them (sessionsStore.ts). */
export interface SessionListState {
  /** From app.info; decides dialogs (electron) or downloads and uploads (web). Null until known. */
  shell: AppInfo['shell'] | null
  sessions: SessionInfo[]
  /** Actions in flight, by the id they act on (target for record, session, autosave). */
  pending: Record<string, SessionAction>
  /** The last failed session action, one line. */
  error: string | null
}

export interface SessionListActions {
  /** Reads everything (on start and after every reconnect). */
  load(): Promise<void>
  setSessions(sessions: SessionInfo[]): void
  dismissError(): void
}

/** Recording, saving and closing (recordingSlice.ts). */
export interface RecordingState {
  /** Long operations the engine reports that have not finished, oldest first. */
  progress: SessionProgress[]
}

export interface RecordingActions {
  handleProgress(progress: SessionProgress): void
  /** Records the process a target belongs to (a worker's parent, with all its workers). */
  record(targetId: string): Promise<void>
  stop(sessionId: string): Promise<void>
  /** Stops a recording first; a dialog in the desktop app, a download in the browser. */
  save(sessionId: string): Promise<void>
  /** Saves the session the selected target shows (Ctrl/Cmd+S, the app menu). */
  saveForTarget(targetId: string | null): Promise<void>
  close(sessionId: string): Promise<void>
}

/** Session files: opening them, the recent ones, the unsaved ones a crash left (sessionLibrarySlice.ts). */
export interface SessionLibraryState {
  recent: RecentSession[]
  recoverable: RecoverableSession[]
  /** A file being uploaded or opened, by name, for the progress strip. */
  opening: { name: string; phase: 'upload' | 'open' } | null
  /** Bumped to ask the page's hidden file input to open (browser only). */
  pickRequest: number
  openMenu: boolean
}

export interface SessionLibraryActions {
  refreshRecent(): Promise<void>
  refreshRecoverable(): Promise<void>
  /** The desktop app's open dialog, or the browser's file picker. */
  openDialog(): Promise<void>
  openPath(path: string): Promise<void>
  /** A file picked in the browser or dropped on the window. */
  openFile(file: File): Promise<void>
  forgetRecent(file: string): Promise<void>
  recover(id: string): Promise<void>
  discard(id: string): Promise<void>
  setOpenMenu(open: boolean): void
}

export type SessionsState = SessionListState & RecordingState & SessionLibraryState
export type SessionsActions = SessionListActions & RecordingActions & SessionLibraryActions
export type SessionsStoreState = SessionsState & SessionsActions
export type SessionsStore = StoreApi<SessionsStoreState>

/** What the slices share: the store, the shell, and how an action runs and a session is shown. */
export interface SessionsSliceContext {
  set: StoreApi<SessionsStoreState>['setState']
  get: () => SessionsStoreState
  /** Which shell the page runs in (asked of the engine once). */
  shell(): Promise<AppInfo['shell']>
  /** Runs an action, marks it pending, and shows its failure as one line: "<what>: <reason>". */
  run(id: string, action: SessionAction, what: string, work: () => Promise<void>): Promise<void>
  /** The session may come back before or after the sessions.changed event that lists it. */
  upsert(session: SessionInfo): void
  /** An opened or recovered session: listed, its target selected, and the app told. */
  show(session: SessionInfo): void
}
