import { z } from 'zod'
import type { CdpClient } from './cdp/connection'
import { waitFor } from './waitFor'
import { createLogger } from '../log'

const log = createLogger('targets')

// What a target says about itself, read once per connection with one evaluate.
const described = z.object({
  pid: z.number(),
  version: z.string(),
  platform: z.string(),
  cwd: z.string(),
  argv: z.array(z.string()),
  execArgv: z.array(z.string()),
  isMainThread: z.boolean()
})
export type DescribedTarget = z.infer<typeof described>

const expression = `JSON.stringify({
  pid: process.pid, version: process.version, platform: process.platform, cwd: process.cwd(),
  argv: process.argv, execArgv: process.execArgv,
  isMainThread: (() => { try { return process.getBuiltinModule ? process.getBuiltinModule('worker_threads').isMainThread : typeof require === 'function' ? require('worker_threads').isMainThread : true } catch { return true } })()
})`

/**
 * Best effort: null when the target cannot or will not answer (it is not Node, or stays paused).
 * A process attached right after its inspector opened may not have its main context yet, so a
 * failed evaluate is retried for a moment before giving up.
 */
export async function tryDescribeTarget(cdp: CdpClient, patienceMs = 3000): Promise<DescribedTarget | null> {
  const found = await waitFor(async () => (cdp.closed ? 'closed' : describeOnce(cdp)), patienceMs, 50)
  return found === 'closed' ? null : found
}

async function describeOnce(cdp: CdpClient): Promise<DescribedTarget | null> {
  const result = await cdp.trySend('Runtime.evaluate', { expression, returnByValue: true, silent: true })
  if (!result || result.exceptionDetails || typeof result.result.value !== 'string') return null
  try {
    const parsed = described.safeParse(JSON.parse(result.result.value))
    return parsed.success ? parsed.data : null
  } catch (error) {
    log.debug('the target described itself in something that is not JSON', error)
    return null
  }
}

export function describedCommand(target: DescribedTarget): string {
  const [exe, ...args] = target.argv
  return [exe, ...target.execArgv, ...args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')
}
