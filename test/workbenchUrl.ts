// Reads `Spyglass workbench: <url>` from a child's stdout, the line users and tests parse.
import type { ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export const workbenchLine = /^Spyglass workbench: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)$/

/** Resolves with every stdout line up to and including the workbench line; rejects if the child exits first. */
export function readUntilWorkbenchUrl(child: ChildProcess): Promise<{ lines: string[]; url: string }> {
  const lines: string[] = []
  const reader = createInterface({ input: child.stdout! })
  return new Promise((resolve, reject) => {
    reader.on('line', (line) => {
      lines.push(line)
      const match = workbenchLine.exec(line)
      if (match) {
        reader.close()
        resolve({ lines, url: match[1] })
      }
    })
    child.once('exit', (code, signal) => reject(new Error(`exited (${code ?? signal}) before printing the URL; stdout: ${lines.join(' | ')}`)))
  })
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
}
