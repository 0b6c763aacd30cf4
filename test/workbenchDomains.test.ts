// The workbench is a list of domains: every request is answered by exactly the domain its name
// starts with, every domain's session part is in the list `spyglass inspect` uses, and an opened
// session reaches each domain through the one opened/closed hook.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { requestNames } from '../src/shared/api'
import { sessionParts } from '../src/main/sessionParts'
import { createMemorySettingsStore } from '../src/main/settings'
import { Workbench } from '../src/main/workbench'

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-domains-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('the workbench', () => {
  const workbench = new Workbench({ shell: 'cli', settings: createMemorySettingsStore(), appVersion: 'test', dataDir })
  afterAll(() => workbench.dispose())

  it('is a list of domains, each after the ones it depends on', () => {
    expect(workbench.domains.map((d) => d.name)).toEqual(['app', 'settings', 'targets', 'console', 'errors', 'sessions', 'profiler', 'heap', 'metrics', 'debugger'])
  })

  it('answers each request in the domain named by its prefix, and only there', () => {
    const owners = new Map<string, string[]>()
    for (const domain of workbench.domains) {
      for (const name of Object.keys(domain.handlers)) {
        expect(name.split('.')[0]).toBe(domain.name)
        owners.set(name, [...(owners.get(name) ?? []), domain.name])
      }
    }
    expect([...owners.keys()].sort()).toEqual([...requestNames].sort())
    expect([...owners.values()].filter((list) => list.length > 1)).toEqual([])
  })

  it('lists the same session parts as spyglass inspect, in the same order', () => {
    const live = workbench.domains.flatMap((d) => (d.session ? [d.session.name] : []))
    expect(live).toEqual(sessionParts().map((p) => p.name))
  })

  it('gives every recording the streams of every domain that records', () => {
    const streams = workbench.domains.flatMap((d) => d.recorderStreams?.().map((s) => s.name) ?? [])
    expect(streams).toEqual(expect.arrayContaining(['console', 'errors', 'metrics', 'heap', 'debugger']))
  })
})
