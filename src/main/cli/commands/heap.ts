import path from 'node:path'
import { parseArgs } from 'node:util'
import type { HeapDiffReport, HeapLeakReport, HeapLoadProgress, HeapSummaryReport } from '../../../shared/heapTypes'
import { formatBytes, formatSignedBytes } from '../../../shared/formatBytes'
import { numbersFirst, textTable } from '../../../shared/textTable'
import { findLeaks, openDiff, openSnapshot, summaryReport, type OpenSnapshotOptions } from '../../heap'
import { out } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { UsageError } from '../cliErrors'
import { parseIntegerOption } from '../commandLine'

const help = `Usage: spyglass heap summary FILE.heapsnapshot [--json] [--top N]
       spyglass heap diff A.heapsnapshot B.heapsnapshot [--json] [--top N]
       spyglass heap leaks BASELINE TARGET FINAL [--json] [--top N]

Analyse V8 heap snapshots (.heapsnapshot from node --heapsnapshot-signal, v8.writeHeapSnapshot(),
Chrome DevTools or Spyglass). Files are streamed into a worker thread, so snapshots of any size
load (1 GB and more); the analysis computes dominators and retained sizes.

  summary   objects by constructor: count, shallow size, retained size (what freeing every
            instance would free), biggest retained first
  diff      two snapshots of one process, A before B: per constructor, the change in count and
            size, and how many objects are new in B or gone since A (by V8 object id)
  leaks     memlab's method over three snapshots of one process: take BASELINE, run the action,
            take TARGET, undo or repeat it, take FINAL. Objects allocated between BASELINE and
            TARGET that are still alive in FINAL, grouped by constructor and retainer path,
            biggest retained size first. Plain JavaScript leaks count: objects held by a global
            array, a Map used as a cache, an event listener, a closure.

Options:
  --top N          rows to show (default 30; with --json every row unless --top is given)
  --max-memory MB  refuse snapshots whose analysis would need more memory than this (default:
                   3/4 of the machine's memory)
  --json           print one JSON object:
                   summary: {nodeCount, edgeCount, totalSize, constructors: [{name, count,
                   shallowSize, retainedSize}]}
                   diff: {constructors: [{name, countA, countB, countDelta, sizeA, sizeB,
                   sizeDelta, newCount, newSize, deletedCount, deletedSize}]} by |sizeDelta|
                   leaks: {leaks: [{name, count, retainedSize, retainerPath: [...],
                   sampleNodeIds}]}; sizes in bytes
  -h, --help       show this help

Environment: SPYGLASS_HEAP_WORKER=always|never forces the worker thread on or off (by default
files of 8 MiB and more are analysed in one).
`

const subcommands = { summary: 1, diff: 2, leaks: 3 } as const
type Subcommand = keyof typeof subcommands

export const heapCommand: CliCommand = {
  name: 'heap',
  summary: 'analyse .heapsnapshot files: summary by constructor, diff, leak finding',
  help,
  async run(args) {
    const { sub, files, json, top, maxMemory } = parseHeapCommandLine(args)
    const showProgress = !json && process.stderr.isTTY === true
    const open: OpenSnapshotOptions = { mode: workerMode(), memoryLimitBytes: maxMemory === undefined ? undefined : maxMemory * 2 ** 20 }
    const progress = showProgress ? progressLine() : undefined
    const limit = top ?? (json ? undefined : 30)
    try {
      if (sub === 'summary') {
        const handle = await openSnapshot(files[0], { ...open, onProgress: progress && ((p) => progress(path.basename(files[0]), p)) })
        try {
          const report = await summaryReport(handle)
          clearProgress(showProgress)
          const shown = { ...report, constructors: report.constructors.slice(0, limit) }
          printLines(json ? [JSON.stringify(shown, null, 2)] : formatSummary(path.basename(files[0]), shown, report.constructors.length))
        } finally {
          await handle.dispose()
        }
      } else if (sub === 'diff') {
        const diff = await openDiff(files[0], files[1], { ...open, onProgress: progress && ((which, p) => progress(`${which === 'a' ? 'A' : 'B'}: ${path.basename(files[which === 'a' ? 0 : 1])}`, p)) })
        try {
          clearProgress(showProgress)
          const shown = { constructors: diff.report.constructors.slice(0, limit) }
          printLines(json ? [JSON.stringify(shown, null, 2)] : formatDiff(files, shown, diff.report.constructors.length))
        } finally {
          await diff.dispose()
        }
      } else {
        const report = await findLeaks(files[0], files[1], files[2], { ...open, onProgress: progress && ((role, p) => progress(role, p)) })
        clearProgress(showProgress)
        const shown = { leaks: report.leaks.slice(0, limit) }
        printLines(json ? [JSON.stringify(shown, null, 2)] : formatLeaks(shown, report.leaks.length))
      }
    } finally {
      clearProgress(showProgress)
    }
    return 0
  }
}

function parseHeapCommandLine(args: string[]) {
  let parsed
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, top: { type: 'string' }, 'max-memory': { type: 'string' } },
      strict: true,
      allowPositionals: true
    })
  } catch (error) {
    throw new UsageError(`${describeParseError(error)} (see spyglass heap --help)`)
  }
  const [sub, ...files] = parsed.positionals
  if (sub === undefined) throw new UsageError('heap needs a subcommand: summary, diff or leaks (see spyglass heap --help)')
  if (!(sub in subcommands)) throw new UsageError(`unknown heap subcommand "${sub}": use summary, diff or leaks (see spyglass heap --help)`)
  const wanted = subcommands[sub as Subcommand]
  const what = wanted === 1 ? 'one .heapsnapshot file' : wanted === 2 ? 'two .heapsnapshot files (A, then B)' : 'three .heapsnapshot files (baseline, target, final)'
  if (files.length !== wanted || files.some((f) => f === '')) throw new UsageError(`heap ${sub} takes ${what}, got ${files.length} (see spyglass heap --help)`)
  return {
    sub: sub as Subcommand,
    files,
    json: parsed.values.json === true,
    top: parseIntegerOption('top', parsed.values.top, 1, 1_000_000_000),
    maxMemory: parseIntegerOption('max-memory', parsed.values['max-memory'], 1, 1_048_576)
  }
}

function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string }
  const option = /'(-{1,2}[^' ]+)/.exec(message ?? '')?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `option ${option} needs a value`
  return (message ?? String(error)).split('\n')[0]?.replace(/\.$/, '') ?? 'bad arguments'
}

function workerMode(): OpenSnapshotOptions['mode'] {
  const value = process.env.SPYGLASS_HEAP_WORKER
  if (value === undefined || value === '' || value === 'auto') return 'auto'
  if (value === 'always') return 'worker'
  if (value === 'never') return 'inline'
  throw new UsageError(`SPYGLASS_HEAP_WORKER must be always, never or auto, got "${value}"`)
}

function progressLine(): (name: string, progress: HeapLoadProgress) => void {
  return (name, { phase, bytesDone, bytesTotal }) => {
    const percent = bytesTotal > 0 ? Math.floor((bytesDone / bytesTotal) * 100) : 100
    process.stderr.write(`\r\x1b[K${name}: ${phase === 'read' ? `reading ${percent}%` : `computing the ${phase}`}`)
  }
}

function clearProgress(shown: boolean): void {
  if (shown) process.stderr.write('\r\x1b[K')
}

function printLines(lines: string[]): void {
  for (const line of lines) out.line(line)
}

const thousands = (n: number): string => n.toLocaleString('en-US')

const signedCount = (n: number): string => (n > 0 ? `+${thousands(n)}` : thousands(n))

export function formatSummary(name: string, report: HeapSummaryReport, total: number): string[] {
  const lines = [`${name}: ${thousands(report.nodeCount)} nodes, ${thousands(report.edgeCount)} edges, ${formatBytes(report.totalSize)} reachable, ${thousands(total)} constructors`, '']
  const rows = report.constructors.map((r) => [thousands(r.count), formatBytes(r.shallowSize), formatBytes(r.retainedSize), r.name])
  lines.push(...textTable(rows, { header: ['Count', 'Shallow', 'Retained', 'Constructor'], align: numbersFirst(3), indent: '  ' }))
  if (report.constructors.length < total) lines.push(`  … ${thousands(total - report.constructors.length)} more (--top N)`)
  return lines
}

export function formatDiff(files: string[], report: HeapDiffReport, total: number): string[] {
  const lines = [`A: ${path.basename(files[0])}  →  B: ${path.basename(files[1])}: ${thousands(total)} constructors changed`, '']
  const rows = report.constructors.map((r) => [thousands(r.countA), thousands(r.countB), signedCount(r.countDelta), thousands(r.newCount), thousands(r.deletedCount), formatSignedBytes(r.sizeDelta), r.name])
  lines.push(...textTable(rows, { header: ['# A', '# B', '# Δ', 'New', 'Gone', 'Size Δ', 'Constructor'], align: numbersFirst(6), indent: '  ' }))
  if (report.constructors.length < total) lines.push(`  … ${thousands(total - report.constructors.length)} more (--top N)`)
  return lines
}

export function formatLeaks(report: HeapLeakReport, total: number): string[] {
  if (total === 0) return ['No leaks: nothing allocated between the baseline and the target is still alive in the final snapshot.']
  const lines = [`${thousands(total)} groups of objects allocated between the baseline and the target are still alive in the final snapshot:`, '']
  for (const leak of report.leaks) {
    lines.push(`  ${formatBytes(leak.retainedSize)} retained by ${thousands(leak.count)} × ${leak.name}`)
    for (const step of leak.retainerPath) lines.push(`      ${step}`)
    lines.push('')
  }
  if (report.leaks.length < total) lines.push(`  … ${thousands(total - report.leaks.length)} more groups (--top N)`)
  return lines
}
