// Golden: the error groups of a real program that throws and logs errors at known sites with
// known counts (thrower.cjs), compared with errorGroups.golden.txt: type, code, title, category,
// severity, catalog pattern, count, top frame, sources, the fingerprint's basis, distinct messages
// and the in-app frames of the latest sample.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'
import type { StackFrame } from '../../../shared/consoleTypes'
import type { ErrorGroupDetail } from '../../../shared/errorTypes'
import { newWorkbench, stopAllNodes } from '../../targets/test/harness'
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
// Groups in an order that does not depend on timing: most frequent first, then by what they are.
const byCountThenName = (a: ErrorGroupDetail, b: ErrorGroupDetail): number =>
  b.count - a.count || `${a.type} ${a.title} ${a.basis}`.localeCompare(`${b.type} ${b.title} ${b.basis}`)

it('groups the errors of a throwing program by throw site, with categories and exact counts', async () => {
  const wb = (workbench = newWorkbench())
  const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, path.join(fixtures, 'thrower.cjs')], cwd: fixtures })
  await vi.waitFor(() => expect(wb.targets.get(target.id)?.state).toBe('exited'), { timeout: 20_000, interval: 20 })
  await wb.console.stdioSettled(target.id)
  wb.console.flush()
  const { groups } = await wb.invoke('errors.groups', { targetId: target.id, sort: 'count' })
  const details = await Promise.all(groups.map((g) => wb.invoke('errors.group', { targetId: target.id, fingerprint: g.fingerprint })))
  details.sort(byCountThenName)

  const golden = new GoldenText(import.meta.url, 'errorGroups', { fixtures })
  golden.log(`${groups.length} groups, ${groups.reduce((n, g) => n + g.count, 0)} errors`)
  for (const g of details) {
    golden.log('')
    golden.log(`${g.count} × ${g.type}${g.code ? ` ${g.code}` : ''}: ${g.title}`)
    golden.log(`  ${g.category}/${g.severity}, pattern ${g.patternId ?? '-'}, from ${g.sources.join(', ')}`)
    golden.log(`  top frame ${g.topFrame ? place(g.topFrame) : '-'}`)
    golden.log(`  basis ${g.basis}`)
    golden.log(`  rate buckets sum to ${g.rate.reduce((a, b) => a + b, 0)}`)
    for (const m of g.messages) golden.log(`  message ×${m.count} ${JSON.stringify(m.message)}`)
    const latest = g.samples.at(-1)
    for (const frame of latest?.stack ?? []) if (!frame.url.startsWith('node:')) golden.log(`  latest sample at ${place(frame)}`)
  }
  golden.assertMatches()
})
