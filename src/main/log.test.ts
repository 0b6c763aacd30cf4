// The tagged logger: quiet by default, on with SPYGLASS_LOG or setLogLevel; and a real
// best-effort call that fails (a request to a target that went away) leaves a line only when on.
import { afterEach, expect, it, vi } from 'vitest'
import { createLogger, logLevel, logLevelFrom, setLogLevel } from './log'
import { CdpClient } from './targets/cdp/connection'
import { connectWebSocket } from './targets/cdp/transport'
import { startNode, stopAllNodes } from './targets/test/harness'

const before = logLevel()
afterEach(async () => {
  setLogLevel(before)
  vi.restoreAllMocks()
  await stopAllNodes()
})

/** What the logger wrote to stderr while `run` ran. */
async function stderrOf(run: () => unknown): Promise<string[]> {
  const lines: string[] = []
  const original = process.stderr.write.bind(process.stderr)
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = String(chunk)
    if (text.startsWith('spyglass[')) lines.push(text)
    else return original(chunk, ...rest)
    return true
  }) as typeof process.stderr.write)
  await run()
  return lines
}

it('reads its level from SPYGLASS_LOG: quiet unless asked', () => {
  expect(logLevelFrom(undefined)).toBe('silent')
  expect(logLevelFrom('')).toBe('silent')
  expect(logLevelFrom('nonsense')).toBe('silent')
  expect(logLevelFrom('debug')).toBe('debug')
  expect(logLevelFrom(' INFO ')).toBe('info')
  expect(logLevelFrom('warn')).toBe('warn')
  expect(logLevelFrom('1')).toBe('debug')
})

it('writes tagged lines at or above its level, and dropped() gives the fallback either way', async () => {
  const log = createLogger('demo')
  setLogLevel('info')
  const lines = await stderrOf(() => {
    log.debug('hidden')
    log.info('shown', new Error('because\nof this'))
    log.warn('no error part')
    expect(log.dropped('a dropped call')(new Error('gone'))).toBeUndefined()
    expect(log.dropped('a dropped read', null)(new Error('gone'))).toBeNull()
  })
  expect(lines).toEqual(['spyglass[demo] shown: because\n', 'spyglass[demo] no error part\n'])
  setLogLevel('silent')
  expect(await stderrOf(() => log.warn('quiet'))).toEqual([])
})

it('logs a trySend to a target that went away when on, and nothing when off', async () => {
  const node = startNode(process.execPath, ['--inspect=127.0.0.1:0', '-e', 'setInterval(() => {}, 1000)'])
  const cdp = new CdpClient(await connectWebSocket(await node.inspectorUrl))
  const closed = new Promise<string>((resolve) => cdp.onClose(resolve))
  expect(await cdp.trySend('Runtime.evaluate', { expression: '6 * 7', returnByValue: true })).toMatchObject({ result: { value: 42 } })
  await node.stop()
  await closed

  setLogLevel('silent')
  const quiet = await stderrOf(async () => expect(await cdp.trySend('Runtime.evaluate', { expression: '1' })).toBeUndefined())
  expect(quiet).toEqual([])
  setLogLevel('debug')
  const verbose = await stderrOf(async () => expect(await cdp.trySend('Runtime.evaluate', { expression: '1' })).toBeUndefined())
  expect(verbose).toEqual([expect.stringMatching(/^spyglass\[cdp\] best-effort request failed: Runtime\.evaluate: connection closed \(.+\)\n$/)])
})
