import { createWriteStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { finished } from 'node:stream/promises'
import { UserError } from '../../../shared/userError'
import { checkRedactionPatterns, exportFormats, exportSession, isExportFormat, openSessionFile, Redactor, type ExportFormat, type ExtraPatterns, type SessionSource } from '../../sessions'
import { createCliSettings, out, waitForStopSignal } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { UsageError } from '../cliErrors'
import { parseFileCommandLine } from '../commandLine'

const help = `Usage: spyglass export FILE.spyglass --format json|ndjson|csv [-o OUT] [options]

Export a session's events for spreadsheets and log tools. The events stream from the file to
the output, so sessions of any size export in little memory.

Formats:
  ndjson           one event per line, as recorded (seq, targetId, time, level, source,
                   method, text, args, stack, location)
  json             one object: {format, formatVersion, session: {title, target, targets,
                   startedAt, endedAt, counts}, events: [...]}
  csv              RFC 4180, a header row, then one row per event: time (ISO 8601), target,
                   level, source, method, text, location (url:line:column), stack (frames
                   joined by " | ")

Secrets are redacted by default: values after sensitive keys (password, secret, token,
authorization, cookie, api key, private key, access key, session id, credential…) and values
that look like secrets wherever they appear (JWTs, bearer tokens, AWS, GitHub, Slack, Google,
Stripe and npm keys, PEM private keys, passwords in URLs) become [REDACTED]. The settings'
redaction.keys and redaction.values patterns are added to the built-in ones.

Options:
  --format F       json, ndjson or csv (may be left out when OUT ends in .json, .ndjson,
                   .jsonl or .csv)
  -o, --output OUT write to OUT (replaced only once the export is complete) instead of stdout
  --no-redact      keep secrets as recorded
  --redact-key RE  also redact the value of keys matching the regular expression RE
                   (case-insensitive); repeatable
  --redact-value RE
                   also redact text matching RE wherever it appears; repeatable
  -h, --help       show this help
`

const formatOfExtension: Record<string, ExportFormat> = { '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.csv': 'csv' }

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export a session’s events as JSON, NDJSON or CSV, secrets redacted',
  help,
  async run(args) {
    const { values, file } = parseFileCommandLine('export', args, {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'no-redact': { type: 'boolean', default: false },
      'redact-key': { type: 'string', multiple: true, default: [] },
      'redact-value': { type: 'string', multiple: true, default: [] }
    })
    const output = values.output === undefined || values.output === '-' ? null : values.output
    const format = formatFrom(values.format, output)
    if (output !== null && path.resolve(output) === path.resolve(file)) throw new UsageError('-o names the session file itself; choose another output')
    const redactor = values['no-redact'] ? null : redactorFrom(values['redact-key'], values['redact-value'])
    if (values['no-redact'] && (values['redact-key'].length > 0 || values['redact-value'].length > 0)) {
      throw new UsageError('--no-redact cannot go with --redact-key or --redact-value')
    }
    const source = await openSessionFile(file)
    try {
      if (output === null) return await exportToStdout(source, format, redactor)
      const events = await exportToFile(source, output, format, redactor)
      out.error(`spyglass: wrote ${events} event${events === 1 ? '' : 's'} to ${output} (${redactor ? 'secrets redacted' : 'not redacted'})`)
      return 0
    } finally {
      await source.close()
    }
  }
}

function formatFrom(value: string | undefined, output: string | null): ExportFormat {
  if (value !== undefined) {
    if (!isExportFormat(value)) throw new UsageError(`--format must be one of ${exportFormats.join(', ')}, got "${value}"`)
    return value
  }
  const inferred = output === null ? undefined : formatOfExtension[path.extname(output).toLowerCase()]
  if (!inferred) throw new UsageError(`export needs --format ${exportFormats.join('|')} (see spyglass export --help)`)
  return inferred
}

/** Patterns given on the command line are usage (exit 2); those in the settings are not. */
function redactorFrom(keys: string[], valuePatterns: string[]): Redactor {
  const fromFlags: ExtraPatterns = { origin: 'the command line', keys, values: valuePatterns }
  try {
    checkRedactionPatterns(fromFlags)
  } catch (error) {
    if (error instanceof UserError) throw new UsageError(error.message)
    throw error
  }
  const { redaction } = createCliSettings().get()
  return new Redactor([{ origin: 'settings (redaction)', keys: redaction.keys, values: redaction.values }, fromFlags])
}

async function exportToStdout(source: SessionSource, format: ExportFormat, redactor: Redactor | null): Promise<number> {
  try {
    await exportSession(source, process.stdout, { format, redactor })
  } catch (error) {
    // The reader went away (`| head`): what it wanted it has; that is not a failure.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0
    throw error
  }
  return 0
}

/** Into a temporary file beside OUT, synced, then renamed: OUT is never left half written. */
async function exportToFile(source: SessionSource, output: string, format: ExportFormat, redactor: Redactor | null): Promise<number> {
  const temporary = `${output}.${process.pid}.partial`
  const stop = waitForStopSignal()
  const abort = new AbortController()
  void stop.stopped.then(() => abort.abort(new UserError('BAD_REQUEST', `stopped; ${output} was not written`)))
  const stream = createWriteStream(temporary, { flags: 'wx' })
  try {
    const { events } = await exportSession(source, stream, { format, redactor, signal: abort.signal })
    stream.end()
    await finished(stream)
    const handle = await open(temporary, 'r+')
    try {
      await handle.datasync()
    } finally {
      await handle.close()
    }
    await rename(temporary, output)
    return events
  } catch (error) {
    stream.destroy()
    await rm(temporary, { force: true })
    if (error instanceof UserError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code) throw new UserError('WRITE_FAILED', `cannot write ${output}: ${describeWriteError(code)}`)
    throw error
  } finally {
    stop.dispose()
  }
}

function describeWriteError(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ENOSPC':
      return 'the disk is full'
    case 'EISDIR':
      return 'it is a folder'
    default:
      return code
  }
}
