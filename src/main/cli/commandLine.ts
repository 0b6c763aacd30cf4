// Argument parsing shared by every command: node:util parseArgs, with its errors turned into
// one-line usage errors that name the command.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './cliErrors'

type OptionsConfig = NonNullable<ParseArgsConfig['options']>

/** Parses a command's options; positional arguments are refused (see parseFileCommandLine). */
export function parseCommandLine<const O extends OptionsConfig>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false })
  } catch (error) {
    throw new UsageError(`${describeParseError(error)} (see spyglass ${command} --help)`)
  }
}

/** For commands that take exactly one file (`inspect FILE`, `export FILE`) beside their options. */
export function parseFileCommandLine<const O extends OptionsConfig>(command: string, args: string[], options: O, what = 'a .spyglass file') {
  let parsed
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true })
  } catch (error) {
    throw new UsageError(`${describeParseError(error)} (see spyglass ${command} --help)`)
  }
  const [file, ...extra] = parsed.positionals
  if (file === undefined || file === '') throw new UsageError(`${command} needs ${what} (see spyglass ${command} --help)`)
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}": ${command} takes one file (see spyglass ${command} --help)`)
  return { values: parsed.values, file }
}

function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string }
  const option = /'(-{1,2}[^' ]+)/.exec(message ?? '')?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `option ${option} needs a value`
  const positional = /argument '([^']*)'/.exec(message ?? '')?.[1]
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && positional !== undefined) return `unexpected argument "${positional}"`
  return (message ?? String(error)).split('\n')[0]?.replace(/\.$/, '') ?? 'bad arguments'
}


export function parseIntegerOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${name} must be a whole number, got "${value}"`)
  const n = Number(value)
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`)
  return n
}

/**
 * `--verbose`, an option of every command (anywhere before `--`): turns on the engine's debug log
 * on stderr (as SPYGLASS_LOG=debug does). Returns the other arguments, which the command parses.
 */
export function takeVerbose(args: string[]): { args: string[]; verbose: boolean } {
  const split = args.indexOf('--')
  const own = split < 0 ? args : args.slice(0, split)
  const rest = own.filter((a) => a !== '--verbose')
  return { args: split < 0 ? rest : [...rest, ...args.slice(split)], verbose: rest.length < own.length }
}

/** Asks for a command's help: `-h`/`--help` among its own options (not after `--`). */
export function asksForHelp(args: string[]): boolean {
  const split = args.indexOf('--')
  return (split < 0 ? args : args.slice(0, split)).some((a) => a === '-h' || a === '--help')
}

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `10s`, `500ms`, `2m`, `1h`, or a bare number of seconds. */
export function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim())
  const ms = match ? Number(match[1]) * durationUnits[match[2] ?? 's'] : NaN
  if (!Number.isFinite(ms) || ms <= 0) throw new UsageError(`--duration must look like 10s, 500ms, 2m or 1h, got "${value}"`)
  return Math.round(ms)
}
