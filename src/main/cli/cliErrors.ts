// How the CLI fails: one line on stderr, `spyglass: <message>`, never a stack trace.
// Usage mistakes exit 2 (like most Unix tools), everything else exits 1.
import { toUserErrorPayload, UserError } from '../../shared/userError'

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const

/** Writes the one-line message for any thrown value and returns the exit code that goes with it. */
export function reportFailure(error: unknown, writeLine: (line: string) => void): number {
  if (error instanceof UsageError) {
    writeLine(`spyglass: ${firstLine(error.message)}`)
    return exitCodes.usage
  }
  const payload = toUserErrorPayload(error)
  // Unexpected errors keep their message but say they are ours, not the user's.
  const prefix = error instanceof UserError || payload.code !== 'INTERNAL' ? '' : 'internal error: '
  writeLine(`spyglass: ${prefix}${firstLine(payload.message)}`)
  return exitCodes.failure
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() || 'unknown error'
}
