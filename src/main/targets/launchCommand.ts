// Launch a command under the inspector: the program and its whole process tree (children started
// by cluster, fork, spawn or --watch announce their inspector URLs through the bootloader and
// become child targets), held at start so that breakpoints bind before its first line runs.
import path from 'node:path'
import type { AttachRequest, TargetInfo } from '../../shared/targetTypes'
import type { CdpClient } from './cdp/connection'
import { firstInspectorUrl, spawnUnderInspector, stopProcess } from './launcher'
import type { AttachHost } from './attachHost'

export async function launchCommand(manager: AttachHost, request: Extract<AttachRequest, { kind: 'launch' }>): Promise<TargetInfo> {
  const { command, cwd, env } = request
  const launched = spawnUnderInspector(command, { cwd, env })
  const target = manager.create({ kind: 'launch', title: launchTitle(command), command: command.join(' '), pid: launched.pid > 0 ? launched.pid : null })
  target.launched = launched
  target.info.cwd = cwd ?? process.cwd()
  void launched.exited.then((exit) => manager.exited(target, exit))
  let url: string
  try {
    url = await firstInspectorUrl(launched, command)
  } catch (error) {
    await stopProcess(launched)
    manager.drop(target)
    throw error
  }
  // Later announcements come from child Node processes of a launched command line (npm, a shell script).
  launched.inspectorUrls.on('url', (childUrl) => {
    if (childUrl === url || target.ending) return
    const child = manager.create({ kind: 'launch', title: childUrl, command: '', parentId: target.info.id })
    void manager.connectOrDrop(child, childUrl).catch((error: Error) => manager.fail(child, error))
  })
  return manager.connectOrDrop(target, url)
}

/** A short name for a launched command line: `node demo.mjs --port 3000`, not two absolute paths. */
export function launchTitle(command: string[]): string {
  return command.map((arg) => (path.isAbsolute(arg) ? path.basename(arg) : arg)).join(' ')
}

/**
 * How long to keep asking a held program to run before resuming regardless. Long, because the
 * first-line pause always comes once the program runs; the bound only keeps a broken target
 * from holding the attach forever.
 */
const breakOnStartWaitMs = 30_000
/** How often to ask again meanwhile: soon at first, less often as the wait goes on. */
const runRetryMs = (attempt: number): number => Math.min(1000, 100 * 2 ** attempt)

/**
 * --inspect-brk holds the program until runIfWaitingForDebugger; it then pauses on the first line.
 * Under load the request was seen to be answered yet ignored (about one launch in forty on two
 * busy cores): the program stayed held forever, with no output and no pause. Asking again frees
 * it, and asking a program that already runs does nothing, so the request is repeated until the
 * first-line pause shows that the program runs; the wait is bounded either way.
 */
export async function resumeFromBreakOnStart(cdp: CdpClient): Promise<void> {
  let started = false
  const paused = new Promise<void>((resolve) => {
    const off = cdp.on('Debugger.paused', () => {
      off()
      started = true
      resolve()
    })
    cdp.onClose(() => {
      started = true
      resolve()
    })
  })
  await Promise.all([cdp.trySend('Debugger.enable', {}), cdp.trySend('Runtime.runIfWaitingForDebugger')])
  for (let attempt = 0, waited = 0; !started && waited < breakOnStartWaitMs; attempt++) {
    const delay = runRetryMs(attempt)
    waited += delay
    await Promise.race([paused, new Promise((resolve) => setTimeout(resolve, delay))])
    if (!started) await cdp.trySend('Runtime.runIfWaitingForDebugger')
  }
  // Debugger stays enabled: other parts (exception capture) share this connection's Debugger domain.
  await cdp.trySend('Debugger.resume', {})
}
