// Launch a Node program under the inspector and read its inspector URL from stderr.
import { spawn, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import path from 'node:path'
import { UserError } from '../../shared/userError'

export type StdioStream = 'stdout' | 'stderr'

/** The launched process's output, kept from the first byte so that nothing before attach is lost. */
export class StdioSource extends EventEmitter<{ data: [StdioStream, string]; end: [] }> {
  private backlog: [StdioStream, string][] | null = []
  private ended = false
  push(stream: StdioStream, text: string): void {
    if (this.backlog) this.backlog.push([stream, text])
    else this.emit('data', stream, text)
  }
  /** Both pipes are closed: nothing more will come. */
  finish(): void {
    this.ended = true
    if (!this.backlog) this.emit('end')
  }
  get draining(): boolean {
    return this.backlog === null
  }
  /** Hands over what was buffered, then streams; only one consumer. */
  drain(listener: (stream: StdioStream, text: string) => void, onEnd: () => void): void {
    const backlog = this.backlog ?? []
    this.backlog = null
    for (const [stream, text] of backlog) listener(stream, text)
    this.on('data', listener)
    if (this.ended) onEnd()
    else this.once('end', onEnd)
  }
}

export interface LaunchedProcess {
  child: ChildProcess
  pid: number
  stdio: StdioSource
  /** Inspector URLs in the order the process tree announced them. */
  /** Inspector announcements on stderr: its URL, and that the finished program waits for the debugger to let go. */
  inspectorUrls: EventEmitter<{ url: [string]; waitingForDisconnect: [] }>
  exited: Promise<{ code: number | null; signal: string | null }>
  /** Whether the main process was started with --inspect-brk and waits for runIfWaitingForDebugger. */
  waitsForDebugger: boolean
  /** The last line the program wrote to stderr, inspector banners left out (for error messages). */
  lastStderrLine(): string | null
}

const nodeExecutable = /^(node|nodejs|node\d+)(\.exe)?$/i
const announce = /Debugger listening on (ws:\/\/\S+)/
// Lines the inspector itself prints on stderr; they are not the program's output.
const inspectorBanner = /^(Debugger listening on ws:|For help, see: https:\/\/nodejs\.org\/|Debugger attached\.|Waiting for the debugger to disconnect\.\.\.|Debugger ending on ws:)/

export function isInspectorBanner(line: string): boolean {
  return inspectorBanner.test(line)
}

export function spawnUnderInspector(command: string[], options: { cwd?: string; env?: Record<string, string> } = {}): LaunchedProcess {
  const [exe, ...rest] = command
  if (!exe) throw new UserError('BAD_REQUEST', 'empty command line')
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env }
  delete env.NODE_INSPECT_RESUME_ON_START
  let args: string[]
  let waitsForDebugger = false
  if (nodeExecutable.test(path.basename(exe)) || exe === process.execPath) {
    // Break before the first line so that nothing the program logs is missed; resumed after attach.
    args = ['--inspect-brk=127.0.0.1:0', ...rest]
    waitsForDebugger = true
  } else {
    // Any other command line that starts node (npm, npx, a shell script): every Node process in it opens an inspector.
    args = rest
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`.trim()
  }
  const child = spawn(exe, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
  const stdio = new StdioSource()
  const inspectorUrls = new EventEmitter<{ url: [string]; waitingForDisconnect: [] }>()
  let stderrTail = ''
  let partialLine = ''
  child.stdout!.setEncoding('utf8').on('data', (text: string) => stdio.push('stdout', text))
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderrTail = (stderrTail + text).slice(-4096)
    // A chunk may end mid-line; announcements are matched on whole lines.
    const lines = (partialLine + text).split('\n')
    partialLine = lines.pop() ?? ''
    for (const line of lines) {
      const match = announce.exec(line)
      if (match) inspectorUrls.emit('url', match[1])
      // Node says so on stderr too; the protocol's notification can be lost (see targetManager).
      if (line.startsWith('Waiting for the debugger to disconnect')) inspectorUrls.emit('waitingForDisconnect')
    }
    stdio.push('stderr', text)
  })
  child.once('close', () => stdio.finish())
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
    child.once('error', () => resolve({ code: null, signal: null }))
  })
  const lastStderrLine = () =>
    stderrTail
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !isInspectorBanner(line))
      .pop() ?? null
  return { child, pid: child.pid ?? -1, stdio, inspectorUrls, exited, waitsForDebugger, lastStderrLine }
}

/** Waits for the first inspector URL; a process that fails or exits first becomes a one-line error. */
export function firstInspectorUrl(launched: LaunchedProcess, command: string[], timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer)
      launched.inspectorUrls.off('url', onUrl)
    }
    const onUrl = (url: string) => {
      cleanup()
      resolve(url)
    }
    const timer = setTimeout(() => {
      cleanup()
      reject(new UserError('TIMEOUT', `${command[0]} did not open an inspector within ${timeoutMs / 1000} s (is it a Node program?)`))
    }, timeoutMs)
    launched.inspectorUrls.on('url', onUrl)
    launched.child.once('error', (error: NodeJS.ErrnoException) => {
      cleanup()
      if (error.code === 'ENOENT') reject(new UserError('BAD_REQUEST', `command not found: ${command[0]}`))
      else reject(new UserError('BAD_REQUEST', `cannot start ${command[0]}: ${error.message}`))
    })
    void launched.exited.then(({ code, signal }) => {
      cleanup()
      const tail = launched.lastStderrLine()
      const how = signal ? `signal ${signal}` : `code ${code}`
      reject(new UserError('TARGET_EXITED', `the program exited (${how}) before it could be attached${tail ? `: ${tail}` : ''}`))
    })
  })
}

/** Stops a launched process: SIGTERM, then SIGKILL if it lingers. */
export async function stopProcess(launched: LaunchedProcess, graceMs = 2000): Promise<void> {
  if (launched.child.exitCode !== null || launched.child.signalCode !== null) return
  launched.child.kill('SIGTERM')
  const timer = setTimeout(() => launched.child.kill('SIGKILL'), graceMs)
  await launched.exited
  clearTimeout(timer)
}
