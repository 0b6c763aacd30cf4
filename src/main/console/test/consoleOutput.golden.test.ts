// Golden: what the console captured from a real program that logs every kind of value (levels,
// texts, argument previews, locations, stacks, repeats), compared with consoleOutput.golden.txt.
// Console calls come over the inspector and direct writes through the pipes: the engine cannot
// order one channel against the other, so the text lists each source in its own order.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'
import type { ConsoleEvent, StackFrame } from '../../../shared/consoleTypes'
import { eventsOf, newWorkbench, stopAllNodes } from '../../targets/test/harness'
import type { Workbench } from '../../workbench'
import { GoldenText } from '../../../../test/goldenText'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
let workbench: Workbench | null = null
afterEach(async () => {
  await workbench?.dispose()
  workbench = null
  await stopAllNodes()
})

const place = (f: StackFrame): string => `${f.functionName || '<anonymous>'} ${f.url}:${f.line}:${f.column}`

function describeEvent(event: ConsoleEvent): string[] {
  const lines = [`[${event.level}${event.method ? ` ${event.method}` : ''}] ${JSON.stringify(event.text)}`]
  for (const arg of event.args ?? []) {
    const kind = [arg.type, arg.subtype, arg.className].filter(Boolean).join(' ')
    lines.push(`  arg ${kind}${arg.objectId ? ' (expandable)' : ''}: ${JSON.stringify(arg.text)}`)
  }
  if (event.location) lines.push(`  at ${place(event.location)}`)
  // The program's own frames; Node's internal frames differ between Node 20 releases.
  for (const frame of event.stack ?? []) if (frame.url.startsWith('file:') || frame.url.startsWith('/')) lines.push(`  stack ${place(frame)}`)
  if (event.repeat) lines.push(`  repeated ${event.repeat} times`)
  if (event.trimmed) lines.push(`  trimmed ${JSON.stringify(event.trimmed)}`)
  return lines
}

it('captures the console output of a program that logs every kind of value', async () => {
  const wb = (workbench = newWorkbench())
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, path.join(fixtures, 'everyKind.cjs')], cwd: fixtures })
  await vi.waitFor(() => expect(wb.targets.get(target.id)?.state).toBe('exited'), { timeout: 20_000, interval: 20 })
  await wb.console.stdioSettled(target.id)
  const events = await eventsOf(wb, target.id)
  const golden = new GoldenText(import.meta.url, 'consoleOutput', { fixtures })
  for (const source of ['console', 'exception', 'stdout', 'stderr', 'spyglass'] as const) {
    const ofSource = events.filter((e) => e.source === source)
    if (ofSource.length === 0) continue
    golden.log(`== ${source} (${ofSource.length} events, in the order the target produced them)`)
    for (const event of ofSource) golden.log(describeEvent(event).join('\n'))
  }
  golden.log(`exit ${JSON.stringify(wb.targets.get(target.id)?.exit)}`)
  golden.assertMatches()
})
