// Attach by PID: find the inspector of a running Node process, enabling it first when it is off.
import { execa } from 'execa'
import { UserError } from '../../shared/userError'
import type { InspectorEndpoint } from '../../shared/targetTypes'
import { tryFirstInspectorTarget, type ListedInspectorTarget } from './inspectorHttp'
import {
  commandLine,
  inspectorPortFromArgv,
  isNodeDescription,
  listListeningSockets,
  tryDescribeProcess,
  type ProcessDescription
} from './processInfo'
import { waitFor } from './waitFor'

export interface PidInspector {
  description: ProcessDescription
  target: ListedInspectorTarget
  host: string
  port: number
}

/** Refuses anything that is not a live Node process we may signal: never signal an arbitrary process. */
export async function requireNodeProcess(pid: number): Promise<ProcessDescription> {
  if (pid === process.pid) throw new UserError('BAD_REQUEST', `PID ${pid} is Spyglass itself`)
  try {
    process.kill(pid, 0)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ESRCH') throw new UserError('NO_SUCH_PROCESS', `no process with PID ${pid}`)
    if (code !== 'EPERM') throw error
    // EPERM: it exists but belongs to someone else; describing it below tells us whether it is Node.
  }
  const description = await tryDescribeProcess(pid)
  if (!description) throw new UserError('NO_SUCH_PROCESS', `no process with PID ${pid}`)
  if (!isNodeDescription(description)) {
    const name = description.comm ?? description.argv[0] ?? 'unknown'
    throw new UserError('NOT_NODE', `PID ${pid} is not a Node process (it is ${name})`)
  }
  return description
}

/**
 * The inspector a Node process already has open, if any: the port its flags name, the default port,
 * then (when `probeAllPorts`, or when its flags asked for a random port) every port it listens on.
 */
export async function tryFindInspector(description: ProcessDescription, options: { probeAllPorts?: boolean } = {}): Promise<PidInspector | null> {
  const candidates: { host: string; port: number }[] = []
  const fromFlags = inspectorPortFromArgv(description.argv.slice(1))
  const sockets = await listListeningSockets(description.pid)
  if (fromFlags && fromFlags.port !== 0) candidates.push(fromFlags)
  const probeAll = options.probeAllPorts || fromFlags?.port === 0
  for (const socket of sockets ?? []) {
    if (candidates.some((c) => c.port === socket.port)) continue
    if (probeAll || socket.port === 9229) candidates.push(socket)
  }
  // Without socket information (another user's process, no lsof) the default port is the best
  // guess. With it, a process that listens on no port has no inspector: whatever answers on 9229
  // then belongs to another process (attaching to it was a real bug, seen when tests ran side by side).
  if (sockets === null && !candidates.some((c) => c.port === 9229)) candidates.push({ host: '127.0.0.1', port: 9229 })
  for (const candidate of candidates) {
    const target = await tryFirstInspectorTarget(candidate.host, candidate.port)
    if (target && belongsTo(candidate.port, sockets)) return { description, target, host: candidate.host, port: candidate.port }
  }
  return null
}

// An inspector on a port the process itself listens on is its own. Without socket information
// (other users' processes, no lsof) the port its flags name, or the default, is trusted.
function belongsTo(port: number, sockets: { port: number }[] | null): boolean {
  return sockets === null || sockets.some((s) => s.port === port)
}

/** Signals the process to open its inspector (SIGUSR1; process._debugProcess on Windows) and waits for it. */
export async function enableInspector(description: ProcessDescription, timeoutMs = 10_000): Promise<PidInspector> {
  const existing = await tryFindInspector(description, { probeAllPorts: true })
  if (existing) return existing
  const { pid } = description
  if (process.platform === 'win32') {
    // process._debugProcess does not work inside Electron's Node, so a separate node does it.
    const result = await execa('node', ['-e', `process._debugProcess(${pid})`], { reject: false })
    if (result.exitCode !== 0) throw new UserError('PERMISSION_DENIED', `could not enable the inspector of PID ${pid}: ${result.stderr.split('\n')[0]}`)
  } else {
    try {
      process.kill(pid, 'SIGUSR1')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ESRCH') throw new UserError('TARGET_EXITED', `PID ${pid} exited before its inspector opened`)
      if (code === 'EPERM') throw new UserError('PERMISSION_DENIED', `not allowed to signal PID ${pid} (owned by another user?)`)
      throw error
    }
  }
  const found = await waitFor(async () => {
    if (!isAlive(pid)) throw new UserError('TARGET_EXITED', `PID ${pid} exited before its inspector opened`)
    return tryFindInspector(description)
  }, timeoutMs)
  if (!found) {
    throw new UserError(
      'TIMEOUT',
      `PID ${pid} did not open its inspector within ${timeoutMs / 1000} s (${commandLine(description).slice(0, 80)}; does it handle SIGUSR1 itself or run with --disable-sigusr1?)`
    )
  }
  return found
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function endpointOf(inspector: PidInspector): InspectorEndpoint {
  return { port: inspector.port, wsUrl: inspector.target.webSocketDebuggerUrl }
}
