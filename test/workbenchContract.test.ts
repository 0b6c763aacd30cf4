// What arrives from the wire is checked against the contract before any handler runs: every
// request of every domain refuses bad params with BAD_REQUEST, and no-params requests take the
// forms JSON can carry.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemorySettingsStore } from '../src/main/settings'
import { Workbench } from '../src/main/workbench'
import { requestNames } from '../src/shared/api'

let dataDir: string
let workbench: Workbench

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'spyglass-contract-'))
  workbench = new Workbench({ shell: 'cli', settings: createMemorySettingsStore(), appVersion: '0.0.0-test', dataDir })
})

afterAll(async () => {
  await workbench?.dispose()
  await rm(dataDir, { recursive: true, force: true })
})

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string } | null> {
  return promise.then(
    () => null,
    (error: unknown) => error as { code: string; message: string }
  )
}

describe('Workbench.dispatch', () => {
  it('refuses bad params for every request with BAD_REQUEST, naming the request', async () => {
    for (const name of requestNames) {
      for (const bad of [42, 'x', [1]]) {
        const failure = await failureOf(workbench.dispatch(name, bad))
        expect(failure, `${name} with ${JSON.stringify(bad)}`).toMatchObject({ code: 'BAD_REQUEST' })
        expect(failure!.message).toContain(`bad params for ${name}`)
      }
    }
  })

  it('says where a params object is wrong', async () => {
    const failure = await failureOf(workbench.dispatch('targets.attach', { kind: 'pid', pid: 'x' }))
    expect(failure).toMatchObject({ code: 'BAD_REQUEST' })
    expect(failure!.message).toMatch(/^bad params for targets\.attach at pid: /)
  })

  it('refuses a name outside the contract', async () => {
    expect(await failureOf(workbench.dispatch('fs.readFile', {}))).toMatchObject({ code: 'BAD_REQUEST', message: 'unknown request "fs.readFile"' })
    expect(await failureOf(workbench.dispatch('toString', undefined))).toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('takes nothing, null or {} for a request without params', async () => {
    for (const sent of [undefined, null, {}]) expect(await workbench.dispatch('targets.list', sent)).toEqual([])
    expect(await failureOf(workbench.dispatch('targets.list', { all: true }))).toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('changes only the settings a patch names', async () => {
    await workbench.invoke('settings.set', { theme: 'dark', consoleBudgetBytes: 8 * 1024 * 1024 })
    const after = await workbench.invoke('settings.set', { captureStdio: false })
    expect(after).toMatchObject({ theme: 'dark', consoleBudgetBytes: 8 * 1024 * 1024, captureStdio: false })
    expect(await workbench.invoke('settings.get', undefined)).toEqual(after)
    // Each field named is still checked as the settings schema checks it.
    expect(await failureOf(workbench.dispatch('settings.set', { consoleBudgetBytes: 5 }))).toMatchObject({ code: 'BAD_REQUEST' })
    expect(await failureOf(workbench.dispatch('settings.set', { theme: 'purple' }))).toMatchObject({ code: 'BAD_REQUEST' })
    expect(await workbench.invoke('settings.get', undefined)).toEqual(after)
  })
})
