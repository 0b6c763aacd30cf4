// Errors meant for users: a stable code and a one-line message, rendered the same in the UI and the CLI.

export const userErrorCodes = [
  'NO_SUCH_PROCESS',
  'NOT_NODE',
  'PERMISSION_DENIED',
  'CONNECTION_REFUSED',
  'NOT_AN_INSPECTOR',
  'TARGET_EXITED',
  'TIMEOUT',
  'BAD_REQUEST',
  'UNKNOWN_TARGET',
  'UNAUTHORIZED',
  /** A .spyglass file or autosave that cannot be read: damaged, newer, or not a session. */
  'BAD_SESSION',
  'UNKNOWN_SESSION',
  /** Something that changes a target was asked of a read-only (recorded) one. */
  'READ_ONLY',
  /** Writing a session to disk failed (disk full, permissions). */
  'WRITE_FAILED',
  /** A named thing (a profile, a snapshot, a file) that is not there. */
  'NOT_FOUND',
  /** A file that cannot be read as what it claims to be (a profile, a snapshot). */
  'BAD_FILE',
  'INTERNAL'
] as const
export type UserErrorCode = (typeof userErrorCodes)[number]

export interface UserErrorPayload {
  code: UserErrorCode
  message: string
}

export class UserError extends Error {
  readonly code: UserErrorCode
  constructor(code: UserErrorCode, message: string) {
    super(message)
    this.name = 'UserError'
    this.code = code
  }
  toPayload(): UserErrorPayload {
    return { code: this.code, message: this.message }
  }
}

export function isUserErrorPayload(value: unknown): value is UserErrorPayload {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.code === 'string' && typeof v.message === 'string'
}

/** Any thrown value as a one-line payload; unexpected errors keep their message but are marked INTERNAL. */
export function toUserErrorPayload(error: unknown): UserErrorPayload {
  if (error instanceof UserError) return error.toPayload()
  if (isUserErrorPayload(error)) return { code: error.code, message: error.message }
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message: message.split('\n')[0] ?? 'unknown error' }
}
