// Golden text for tests on real programs, after vscode-js-debug's src/test/goldenText.ts: a test
// writes what it saw as lines, volatile values (absolute paths, ids, times, pids, ports, Node
// versions, WebSocket URLs) become placeholders, and the text is compared with a committed
// `<name>.golden.txt` beside the test. A missing file fails (a test that cannot fail is a defect);
// SPYGLASS_REGEN_GOLDEN=1 writes the files instead of comparing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { expect } from 'vitest'

/** Whether golden files are written rather than compared (read at each assert). */
export function regenerateGolden(): boolean {
  return process.env.SPYGLASS_REGEN_GOLDEN === '1'
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Object keys whose values change from run to run: shown as `<type>` (js-debug's stabilizeNames). */
const volatileKeys = new Set(['id', 'targetId', 'objectId', 'scriptId', 'callFrameId', 'time', 'lastTime', 'firstSeen', 'lastSeen', 'pid', 'port', 'fingerprint'])

/** Folders named in the text, replaced longest first so that `${fixtures}` wins over `${repo}`. */
export type GoldenPlaces = Record<string, string>

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The text with volatile values replaced by placeholders: each folder of `places` (as a path and
 * as a file URL) becomes `${name}`; the system temp folder `${tmp}`, this repository `${repo}`;
 * then WebSocket URLs, loopback ports, UUIDs, long hex ids, ISO times, epoch milliseconds, pids,
 * the Node version, V8 remote object ids and the line:column of Node's own files.
 */
export function sanitizeGolden(text: string, places: GoldenPlaces = {}): string {
  const folders = Object.entries({ ...places, tmp: os.tmpdir(), repo: repoRoot })
    .map(([name, folder]) => [name, path.resolve(folder)] as const)
    .sort((a, b) => b[1].length - a[1].length)
  let out = text
  for (const [name, folder] of folders) {
    out = out.replace(new RegExp(escapeRegExp(pathToFileURL(folder).href), 'g'), `file://\${${name}}`)
    out = out.replace(new RegExp(escapeRegExp(folder), 'g'), `\${${name}}`)
  }
  return out
    .replace(/\bwss?:\/\/[^\s'"`)]+/g, '${wsUrl}')
    .replace(/\b(127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0):\d{2,5}\b/g, '$1:${port}')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '${uuid}')
    .replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\b/g, '${time}')
    .replace(/\b1[5-9]\d{11}\b/g, '${epochMs}')
    .replace(/\b(pid|PID)([ =:]+)\d+\b/g, '$1$2${pid}')
    .replace(new RegExp(`\\b${escapeRegExp(process.version)}\\b`, 'g'), '${nodeVersion}')
    .replace(/-?\b\d{12,}\.\d+\.\d+\b/g, '${remoteObjectId}')
    .replace(/(?<![\w-])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b/g, '${hexId}')
    .replace(/\b(node:[\w/.-]+):\d+(?::\d+)?/g, '$1:${line}')
}

/**
 * One value as indented lines, keys sorted, volatile keys shown as their type; arrays by index.
 * Strings are sanitized by the caller (the whole text is, at assert time).
 */
export function dumpGolden(value: unknown, indent = ''): string[] {
  if (value === null || typeof value !== 'object') return [`${indent}${JSON.stringify(value) ?? String(value)}`]
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const lines: string[] = []
  for (const [key, v] of entries) {
    if (v === undefined) continue
    if (volatileKeys.has(key) && v !== null) lines.push(`${indent}${key}: <${typeof v}>`)
    else if (v !== null && typeof v === 'object') lines.push(`${indent}${key}:`, ...dumpGolden(v, `${indent}  `))
    else lines.push(`${indent}${key}: ${JSON.stringify(v)}`)
  }
  return lines
}

/** Collects the lines of one golden test and compares them with (or writes) its file. */
export class GoldenText {
  private readonly lines: string[] = []
  readonly file: string

  /**
   * @param testFileUrl the test's `import.meta.url`: the golden file goes beside it
   * @param name the file's name before `.golden.txt`
   * @param places folders to name in the text (`{ fixtures: dir }` turns dir/... into ${fixtures}/...)
   */
  constructor(testFileUrl: string, name: string, private readonly places: GoldenPlaces = {}) {
    this.file = path.join(path.dirname(fileURLToPath(testFileUrl)), `${name}.golden.txt`)
  }

  log(line: string): void {
    this.lines.push(line)
  }

  /** A titled value, dumped with sorted keys and volatile keys stabilized. */
  logValue(title: string, value: unknown): void {
    this.lines.push(`${title}:`, ...dumpGolden(value, '  '))
  }

  text(): string {
    const text = sanitizeGolden(this.lines.join('\n'), this.places)
    return `${text.split('\n').map((l) => l.trimEnd()).join('\n')}\n`
  }

  /** Compares with the committed file (a readable line diff on mismatch), or writes it when regenerating. */
  assertMatches(): void {
    const actual = this.text()
    const shown = path.relative(repoRoot, this.file)
    if (regenerateGolden()) {
      writeFileSync(this.file, actual)
      return
    }
    if (!existsSync(this.file)) throw new Error(`golden file ${shown} is missing: run the test with SPYGLASS_REGEN_GOLDEN=1 to write it, then review and commit it`)
    const expected = readFileSync(this.file, 'utf8').replace(/\r\n/g, '\n')
    expect(actual, `output differs from ${shown} (if the change is intended: SPYGLASS_REGEN_GOLDEN=1, review the diff, commit)`).toBe(expected)
  }
}
