import { z } from 'zod'
import type { CdpClient } from './cdp/connection'

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

/** Best effort: null when the target cannot or will not answer (it is paused elsewhere, or not Node). */
export async function tryDescribeTarget(cdp: CdpClient): Promise<DescribedTarget | null> {
  const result = await cdp.trySend('Runtime.evaluate', { expression, returnByValue: true, silent: true })
  if (!result || result.exceptionDetails || typeof result.result.value !== 'string') return null
  try {
    const parsed = described.safeParse(JSON.parse(result.result.value))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function describedCommand(target: DescribedTarget): string {
  const [exe, ...args] = target.argv
  return [exe, ...target.execArgv, ...args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')
}
