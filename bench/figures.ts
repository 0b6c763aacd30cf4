import { appendFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results')

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`
}

export function perSecond(count: number, elapsedMs: number): string {
  return `${Math.round((count / elapsedMs) * 1000).toLocaleString('en-US')}/s`
}

/** Prints a table and appends it to bench/results/latest.md so that figures can be quoted later. */
export function report(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n## ${title}`)
  console.table(rows)
  const columns = Object.keys(rows[0] ?? {})
  const markdown = [`## ${title}`, '', `| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${columns.map((c) => String(row[c] ?? '')).join(' | ')} |`), '', ''].join('\n')
  mkdirSync(resultsDir, { recursive: true })
  appendFileSync(path.join(resultsDir, 'latest.md'), markdown)
}
