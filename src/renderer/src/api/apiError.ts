import { isUserErrorPayload } from '../../../shared/userError'

/** A failed request as the UI shows it: a stable code and a one-line message. */
export class ApiError extends Error {
  readonly code: string
  constructor(code: string, message: string) {
    super(oneLine(message))
    this.name = 'ApiError'
    this.code = code
  }
}

// Electron wraps errors thrown by an IPC handler as
// "Error invoking remote method 'spyglass:x': UserError: message"; keep only the message.
const ipcWrapper = /^Error invoking remote method '[^']*': (?:\w*Error: )?/

function oneLine(message: string): string {
  const first = message.replace(ipcWrapper, '').split('\n')[0]?.trim()
  return first || 'unknown error'
}

/** Any rejection (an `{code,message}` payload, an Error, anything) as an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (isUserErrorPayload(error)) return new ApiError(error.code, error.message)
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return new ApiError(typeof code === 'string' ? code : 'INTERNAL', error.message)
  }
  return new ApiError('INTERNAL', String(error))
}

/** The one-line message to show for any rejection. */
export function errorMessage(error: unknown): string {
  return toApiError(error).message
}
