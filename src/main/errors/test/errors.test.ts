// Error groups from real programs: known throw sites with known counts, network errors against
// a closed port, a missing module, process warnings, and unhandled rejections in every mode.
import { afterEach, expect, it, vi } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import type { ErrorGroupSummary } from '../../../shared/errorTypes'
import type { Workbench } from '../../workbench'
import { newWorkbench, nodeBinaries, stopAllNodes } from '../../targets/test/harness'

const here = path.dirname(fileURLToPath(import.meta.url))
const thrower = path.join(here, 'fixtures', 'thrower.cjs')
const workbenches: Workbench[] = []
afterEach(async () => {
  for (const wb of workbenches.splice(0)) await wb.dispose()
  await stopAllNodes()
})

async function groupsOfRun(command: string[]): Promise<{ wb: Workbench; targetId: string; groups: ErrorGroupSummary[] }> {
  const wb = newWorkbench()
  workbenches.push(wb)
  const target = await wb.invoke('targets.attach', { kind: 'launch', command, cwd: path.join(here, 'fixtures') })
  await vi.waitFor(() => expect(wb.targets.get(target.id)?.state).toBe('exited'), { timeout: 20_000, interval: 20 })
  await wb.console.stdioSettled(target.id)
  wb.console.flush()
  const { groups } = await wb.invoke('errors.groups', { targetId: target.id, sort: 'count' })
  return { wb, targetId: target.id, groups }
}

const row = (g: ErrorGroupSummary) => `${g.count} ${g.type}${g.code ? ` ${g.code}` : ''} ${g.category}/${g.severity} ${g.patternId ?? '-'} @${g.topFrame?.functionName || '<anonymous>'}`

for (const node of nodeBinaries) {
  it(`groups a program's errors by call site with exact counts and categories (${node.name})`, async () => {
    const { wb, targetId, groups } = await groupsOfRun([node.path, thrower])
    const rows = groups.map(row)
    expect(rows).toEqual(
      expect.arrayContaining([
        '4 Error unknown/high - @findUser',
        '3 TypeError runtime/high read-undefined @chargeCard',
        '2 SyntaxError validation/medium json-parse @parseOrder',
        expect.stringMatching(/^2 Error ECONNREFUSED network\/high econnrefused @/),
        expect.stringMatching(/^1 MaxListenersExceededWarning memory\/medium max-listeners @/),
        '1 Error unknown/medium - @<anonymous>',
        '1 Error module/critical module-not-found-message @<anonymous>',
        '1 Error runtime/high unhandled-rejection @<anonymous>'
      ])
    )
    // The text-only console.error is not an error object: no group for it.
    expect(groups).toHaveLength(8)
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(15)

    const findUser = groups.find((g) => g.topFrame?.functionName === 'findUser')!
    const detail = await wb.invoke('errors.group', { targetId, fingerprint: findUser.fingerprint })
    // The same throw with different ids: one group, four distinct messages, samples with stacks.
    expect(detail.messages.map((m) => m.message).sort()).toEqual(
      ['user 123456 not found (request 0x3a45b9c0)', 'user 17 not found (request 0x20ddf)', 'user 4242 not found (request 0x200944e)', 'user 99 not found (request 0xbf66d)'].sort()
    )
    expect(detail.samples).toHaveLength(4)
    expect(detail.samples[0].stack?.[0]).toMatchObject({ functionName: 'findUser', line: 15 })
    // Project-relative files, function names, no lines: the fixture's folder is the project (its cwd).
    expect(detail.basis).toBe('Error | findUser@thrower.cjs > <anonymous>@thrower.cjs > Timeout._onTimeout@thrower.cjs')
    expect(findUser.rate.reduce((a, b) => a + b, 0)).toBe(4)
    const rate = await wb.invoke('errors.rate', { targetId })
    expect(Object.values(rate.counts).flat().reduce((a, b) => a + b, 0)).toBe(15)
  })
}

it('gives the same fingerprints on Node 20 and Node 24', async () => {
  const runs = await Promise.all(nodeBinaries.map((node) => groupsOfRun([node.path, thrower])))
  const fingerprints = runs.map((run) => run.groups.map((g) => `${g.fingerprint} ${g.count}`).sort())
  expect(fingerprints[1]).toEqual(fingerprints[0])
})

const rejectAndLive = "Promise.reject(new Error('lost promise')); setTimeout(() => console.log('still alive'), 100)"

for (const mode of ['throw', 'strict', 'warn', 'none', 'warn-with-error-code']) {
  it(`captures an unhandled rejection once under --unhandled-rejections=${mode}`, async () => {
    const { groups } = await groupsOfRun([process.execPath, `--unhandled-rejections=${mode}`, '-e', rejectAndLive])
    expect(groups.map(row)).toEqual(['1 Error runtime/high unhandled-rejection @<anonymous>'])
    expect(groups[0].message).toBe('lost promise')
  })
}

it('maps the stack of a compiled TypeScript target back to its .ts source', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-ts-'))
  const source = readFileSync(path.join(here, 'fixtures', 'ts', 'orders.ts'), 'utf8')
  const sourceFile = path.join(dir, 'orders.ts')
  writeFileSync(sourceFile, source)
  const compiled = ts.transpileModule(source, { fileName: 'orders.ts', compilerOptions: { sourceMap: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } })
  writeFileSync(path.join(dir, 'orders.js'), compiled.outputText)
  writeFileSync(path.join(dir, 'orders.js.map'), compiled.sourceMapText!)
  const { wb, targetId, groups } = await groupsOfRun([process.execPath, path.join(dir, 'orders.js')])
  expect(groups.map(row)).toEqual(['1 RangeError unknown/medium - @totalQuantity'])
  const detail = await wb.invoke('errors.group', { targetId, fingerprint: groups[0].fingerprint })
  // The generated stack points into orders.js; the original one at the throw in orders.ts.
  expect(detail.samples[0].stack?.[0]).toMatchObject({ url: expect.stringMatching(/orders\.js$/) })
  const throwLine = source.split('\n').findIndex((line) => line.includes('throw new RangeError')) + 1
  expect(detail.originalStack?.[0]).toMatchObject({ url: pathToFileURL(sourceFile).href, line: throwLine, column: 11 })
  expect(detail.originalStack?.[1]).toMatchObject({ url: pathToFileURL(sourceFile).href, line: source.split('\n').findIndex((line) => line.includes('totalQuantity(orders[0])')) + 1 })
})

it('leaves stacks without source maps alone', async () => {
  const { wb, targetId, groups } = await groupsOfRun([process.execPath, thrower])
  const detail = await wb.invoke('errors.group', { targetId, fingerprint: groups[0].fingerprint })
  expect(detail.originalStack).toBeUndefined()
})
