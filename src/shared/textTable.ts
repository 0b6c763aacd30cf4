// Columns of text for a terminal: the one table layout of the CLI and of the session summaries
// it prints. Each column is as wide as its widest cell; numbers are right-aligned, text
// left-aligned; the last column is never padded and no line ends in spaces.

export type ColumnAlign = 'left' | 'right'

export interface TextTableOptions {
  /** Column titles, printed as the first line. */
  header?: readonly string[]
  /** Per column; 'left' where not given. */
  align?: readonly ColumnAlign[]
  /** Before every line (the CLI indents its tables by two spaces). */
  indent?: string
  /** Between columns. */
  gap?: string
}

export function textTable(rows: readonly (readonly string[])[], options: TextTableOptions = {}): string[] {
  const { header, align = [], indent = '', gap = '  ' } = options
  const all = header ? [header, ...rows] : rows
  const columns = Math.max(0, ...all.map((row) => row.length))
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...all.map((row) => (row[c] ?? '').length)))
  const render = (row: readonly string[]): string =>
    `${indent}${row
      .map((cell, c) => {
        if (align[c] === 'right') return cell.padStart(widths[c])
        return c === row.length - 1 ? cell : cell.padEnd(widths[c])
      })
      .join(gap)}`.trimEnd()
  return all.map(render)
}

/** The first `count` columns right-aligned (numbers), the rest left-aligned. */
export function numbersFirst(count: number): ColumnAlign[] {
  return Array.from({ length: count }, () => 'right' as const)
}
