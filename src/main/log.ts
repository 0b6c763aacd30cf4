// A small tagged logger for the engine. Quiet by default; SPYGLASS_LOG=debug (or info, warn) in
// the environment, or `--verbose` on any CLI command, turns it on. Lines go to stderr as
// `spyglass[tag] message: error`. Its first job: every best-effort call (a trySend, a catch that
// drops an error) leaves a debug line naming what failed, so that nothing is dropped silently
// (STYLE.md #5). Off, a call costs one comparison.

export const logLevels = ['debug', 'info', 'warn', 'silent'] as const
export type LogLevel = (typeof logLevels)[number]

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, silent: 100 }

/** The level SPYGLASS_LOG asks for: a level name, or 1/true for debug; anything else is silent. */
export function logLevelFrom(value: string | undefined): LogLevel {
  const wanted = value?.trim().toLowerCase() ?? ''
  if (wanted === '1' || wanted === 'true' || wanted === 'verbose') return 'debug'
  return (logLevels as readonly string[]).includes(wanted) ? (wanted as LogLevel) : 'silent'
}

let threshold = rank[logLevelFrom(process.env.SPYGLASS_LOG)]

export function setLogLevel(level: LogLevel): void {
  threshold = rank[level]
}

export function logLevel(): LogLevel {
  return logLevels.find((l) => rank[l] === threshold) ?? 'silent'
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name
  return String(error)
}

/** Stands for "no error given" (an error may itself be undefined). */
const noError: unique symbol = Symbol('no error')

function write(tag: string, message: string, error: unknown): void {
  process.stderr.write(`spyglass[${tag}] ${message}${error === noError ? '' : `: ${describe(error)}`}\n`)
}

export interface Logger {
  debug(message: string, error?: unknown): void
  info(message: string, error?: unknown): void
  warn(message: string, error?: unknown): void
  /**
   * A `.catch` handler for best-effort work: logs at debug what failed and resolves to
   * `fallback` (undefined when not given), as the `() => undefined` it replaces did.
   */
  dropped(what: string): (error: unknown) => undefined
  dropped<T>(what: string, fallback: T): (error: unknown) => T
}

/** A logger whose lines carry `tag` (the domain or part that writes them: cdp, heap, sessions…). */
export function createLogger(tag: string): Logger {
  const at =
    (level: number) =>
    (message: string, error: unknown = noError): void => {
      if (threshold > level) return
      write(tag, message, error)
    }
  const debug = at(rank.debug)
  return {
    debug,
    info: at(rank.info),
    warn: at(rank.warn),
    dropped<T>(what: string, fallback?: T) {
      return (error: unknown): T => {
        debug(what, error)
        return fallback as T
      }
    }
  }
}
