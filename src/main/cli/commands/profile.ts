import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ProfileFunctionRow, ProfileGroupRow, ProfileSummary } from '../../../shared/profileTypes'
import { numbersFirst, textTable } from '../../../shared/textTable'
import { functionRows, groupRows, loadProfile, profileReport, type LoadProfileOptions } from '../../profiler'
import { out } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { UsageError } from '../cliErrors'
import { parseFileCommandLine, parseIntegerOption } from '../commandLine'

const help = `Usage: spyglass profile FILE.cpuprofile [--json] [--top N]

Summarise a V8 CPU profile: a .cpuprofile from node --cpu-prof, Chrome DevTools or the
Profiler protocol (the old v8-profiler format too). Prints the functions that cost the most
time and where the time goes by owner: your code, each npm package, node internals, V8 /
native code, (program) and (garbage collector). Shares are of non-idle time; "(idle)" is
reported apart. Time per sample comes from the profile's time deltas. The file is streamed,
so profiles of any size load (big ones in a worker thread).

Options:
  --top N          show the N functions with the most self time (default 20; with --json,
                   every function unless --top is given)
  --json           print one JSON object: {durationMs, samples, sampledMs, idleMs,
                   functions: [{functionName, url, line, column, category, packageName,
                   selfMs, selfPct, totalMs, totalPct}], packages: [{name, category, selfMs,
                   selfPct, totalMs, totalPct}]}; functions by selfMs, line and column
                   1-based (null where unknown), times in ms
  -h, --help       show this help

Environment: SPYGLASS_PROFILE_WORKER=always|never forces the worker thread on or off
(by default files of 8 MiB and more load in one).
`

export const profileCommand: CliCommand = {
  name: 'profile',
  summary: 'summarise a .cpuprofile (top functions, time by npm package / node / V8)',
  help,
  async run(args) {
    const { values, file } = parseFileCommandLine(
      'profile',
      args,
      { json: { type: 'boolean', default: false }, top: { type: 'string' } },
      'a .cpuprofile file'
    )
    const top = parseIntegerOption('top', values.top, 1, 1_000_000)
    const showProgress = !values.json && process.stderr.isTTY === true
    const { model, summary } = await loadProfile(file, {
      mode: workerMode(),
      onProgress: showProgress ? progressLine(path.basename(file)) : undefined
    })
    if (showProgress) process.stderr.write('\r\x1b[K')
    if (values.json) {
      out.line(JSON.stringify(profileReport(model, { limit: top }), null, 2))
      return 0
    }
    for (const line of formatProfile(path.basename(file), summary, functionRows(model, { limit: top ?? 20 }), groupRows(model))) out.line(line)
    return 0
  }
}

function workerMode(): LoadProfileOptions['mode'] {
  const value = process.env.SPYGLASS_PROFILE_WORKER
  if (value === undefined || value === '' || value === 'auto') return 'auto'
  if (value === 'always') return 'worker'
  if (value === 'never') return 'inline'
  throw new UsageError(`SPYGLASS_PROFILE_WORKER must be always, never or auto, got "${value}"`)
}

function progressLine(name: string): NonNullable<LoadProfileOptions['onProgress']> {
  return ({ phase, bytesDone, bytesTotal }) => {
    const percent = bytesTotal > 0 ? Math.floor((bytesDone / bytesTotal) * 100) : 100
    process.stderr.write(`\r\x1b[K${name}: ${phase === 'read' ? `reading ${percent}%` : 'building the call tree'}`)
  }
}

const thousands = (n: number): string => n.toLocaleString('en-US')
const msText = (ms: number): string => ms.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const pctText = (pct: number): string => `${pct.toFixed(1)}%`

export function formatProfile(name: string, summary: ProfileSummary, functions: ProfileFunctionRow[], groups: ProfileGroupRow[]): string[] {
  const lines = [
    `${name}: ${msText(summary.durationMs)} ms, ${thousands(summary.samples)} samples (every ${summary.sampleIntervalMs.toFixed(2)} ms), ${thousands(summary.nodes)} nodes, ${thousands(summary.functions)} functions${summary.format === 'cpuprofile-legacy' ? ' (legacy format)' : ''}`,
    `  sampled ${msText(summary.sampledMs)} ms, idle ${msText(summary.idleMs)} ms; shares are of the ${msText(summary.nonIdleMs)} ms not idle`,
    ''
  ]
  const functionTable = functions.map((r) => [msText(r.selfMs), pctText(r.selfPct), msText(r.totalMs), pctText(r.totalPct), clip(r.functionName || '(anonymous)', 48), location(r)])
  lines.push(...textTable(functionTable, { header: ['Self ms', 'Self %', 'Total ms', 'Total %', 'Function', 'Location'], align: numbersFirst(4), indent: '  ' }))
  lines.push('', 'By owner:')
  const groupTable = groups.map((g) => [msText(g.selfMs), pctText(g.selfPct), msText(g.totalMs), pctText(g.totalPct), g.category === 'npm' ? `${g.name} (npm)` : g.name])
  lines.push(...textTable(groupTable, { header: ['Self ms', 'Self %', 'Total ms', 'Total %', 'Owner'], align: numbersFirst(4), indent: '  ' }))
  return lines
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`
}

/** file:line, with file URLs as paths and paths under the working folder made relative. */
function location(row: ProfileFunctionRow): string {
  if (row.url === '') return row.category === 'v8' ? '(native)' : ''
  let file = row.url
  if (file.startsWith('file://')) {
    try {
      file = fileURLToPath(file)
    } catch {
      // A file URL of another platform (file:///c:/… read on Linux): show it as written.
      file = file.slice('file://'.length)
    }
  }
  const cwd = process.cwd() + path.sep
  if (file.startsWith(cwd)) file = file.slice(cwd.length)
  return row.line === null ? file : `${file}:${row.line}`
}
