import { describe, expect, it } from 'vitest'
import { defaultHealthThresholds, type Settings } from '../../../shared/settingsTypes'
import { createConsoleStorageStore, draftFrom, formatPercent, parseDraft, samplingHint, storagePatch } from './consoleStorage'
import { createSettingsStore } from '../settings/settingsStore'
import { MemoryClient } from '../testing/memoryClient'

const MiB = 1024 * 1024

function settingsOf(patch: Partial<Settings> = {}): Settings {
  return {
    theme: 'system',
    consoleBudgetBytes: 64 * MiB,
    consoleSampling: { debug: 1, log: 1, info: 1, warn: 1, error: 1 },
    captureStdio: true,
    autoReconnect: true,
    errorPatternsFile: null,
    redaction: { keys: [], values: [] },
    metricsIntervalMs: 1000,
    metricsThresholds: defaultHealthThresholds,
    metricsAlertAfterMs: 10_000,
    heapSampleIntervalMs: 1000,
    ...patch
  }
}

/** A stub workbench whose settings.set merges the patch, as the real one does. */
function workbench(initial = settingsOf()): { client: MemoryClient; saved: () => Settings } {
  let current = initial
  const client = new MemoryClient({
    'settings.get': () => current,
    'settings.set': (patch) => (current = { ...current, ...patch })
  })
  return { client, saved: () => current }
}

async function setup(initial = settingsOf()) {
  const { client, saved } = workbench(initial)
  const settings = createSettingsStore(client)
  await settings.getState().load()
  const store = createConsoleStorageStore(client, settings)
  return { client, saved, settings, store }
}

describe('storage draft', () => {
  it('shows the budget in MiB and the shares as percentages', () => {
    expect(draftFrom(settingsOf({ consoleBudgetBytes: 256 * MiB, consoleSampling: { debug: 0.125, log: 0.1, info: 0, warn: 1, error: 1 } }))).toEqual({
      budgetMiB: '256',
      sampling: { debug: '12.5', log: '10', info: '0', warn: '100', error: '100' }
    })
    expect(formatPercent(1 / 3)).toBe('33.333')
  })

  it('parses what was typed, with or without a % sign', () => {
    const parsed = parseDraft({ budgetMiB: ' 2048 ', sampling: { debug: '0', log: '50%', info: '12.5', warn: '100', error: '100 %' } })
    expect(parsed).toEqual({ ok: true, value: { consoleBudgetBytes: 2048 * MiB, consoleSampling: { debug: 0, log: 0.5, info: 0.125, warn: 1, error: 1 } } })
  })

  it('names the field that is wrong, in one line', () => {
    const sampling = { debug: '100', log: '100', info: '100', warn: '100', error: '100' }
    for (const budgetMiB of ['0', '2049', '1.5', '', 'lots', '-4']) {
      expect(parseDraft({ budgetMiB, sampling })).toEqual({ ok: false, field: 'budget', error: 'The budget must be a whole number of MiB from 1 to 2,048.' })
    }
    for (const value of ['101', '-1', '', 'half', '1e2']) {
      expect(parseDraft({ budgetMiB: '64', sampling: { ...sampling, warn: value } })).toEqual({
        ok: false,
        field: 'warn',
        error: 'The share of warn messages kept must be a percentage from 0 to 100.'
      })
    }
  })

  it('says what a share keeps in words when that is simple', () => {
    expect(['100', '0', '10', '50%', '0.1', '30', '', 'x', '120'].map(samplingHint)).toEqual(['all', 'none', '1 in 10', '1 in 2', '1 in 1,000', '', '', '', ''])
  })

  it('patches only what changed', () => {
    const current = settingsOf()
    expect(storagePatch(current, { consoleBudgetBytes: current.consoleBudgetBytes, consoleSampling: { ...current.consoleSampling } })).toEqual({})
    expect(storagePatch(current, { consoleBudgetBytes: 16 * MiB, consoleSampling: { ...current.consoleSampling } })).toEqual({ consoleBudgetBytes: 16 * MiB })
    const sampling = { ...current.consoleSampling, debug: 0 }
    expect(storagePatch(current, { consoleBudgetBytes: current.consoleBudgetBytes, consoleSampling: sampling })).toEqual({ consoleSampling: sampling })
  })
})

describe('console storage store', () => {
  it('opens with the current settings and saves what changed with settings.set', async () => {
    const { client, saved, settings, store } = await setup(settingsOf({ consoleBudgetBytes: 128 * MiB }))
    store.getState().toggle()
    expect(store.getState().open).toBe(true)
    expect(store.getState().draft.budgetMiB).toBe('128')
    store.getState().setSampling('debug', '0')
    await store.getState().apply()
    expect(client.callsOf('settings.set')).toEqual([{ consoleSampling: { debug: 0, log: 1, info: 1, warn: 1, error: 1 } }])
    expect(saved().consoleSampling.debug).toBe(0)
    expect(settings.getState().settings?.consoleSampling.debug).toBe(0)
    expect(store.getState().open).toBe(false)

    // Opened again: the form starts from the saved settings, not the old draft.
    store.getState().toggle()
    expect(store.getState().draft.sampling.debug).toBe('0')
  })

  it('refuses an invalid draft before any request, and clears the error on the next edit', async () => {
    const { client, store } = await setup()
    store.getState().toggle()
    store.getState().setBudget('4096')
    await store.getState().apply()
    expect(store.getState()).toMatchObject({ open: true, invalid: 'budget', error: 'The budget must be a whole number of MiB from 1 to 2,048.' })
    expect(client.callsOf('settings.set')).toEqual([])
    store.getState().setBudget('256')
    expect(store.getState()).toMatchObject({ invalid: null, error: null })
    await store.getState().apply()
    expect(client.callsOf('settings.set')).toEqual([{ consoleBudgetBytes: 256 * MiB }])
  })

  it('closes without a request when nothing changed', async () => {
    const { client, store } = await setup()
    store.getState().toggle()
    store.getState().setBudget('64')
    await store.getState().apply()
    expect(store.getState().open).toBe(false)
    expect(client.callsOf('settings.set')).toEqual([])
  })

  it('keeps the form open with a one-line error when the workbench refuses', async () => {
    const { client, settings, store } = await setup()
    client.handlers['settings.set'] = () => Promise.reject({ code: 'BAD_REQUEST', message: 'bad params for settings.set at consoleBudgetBytes: too big\nmore' })
    store.getState().toggle()
    store.getState().setBudget('16')
    await store.getState().apply()
    expect(store.getState()).toMatchObject({ open: true, saving: false, error: 'Could not save the storage settings: bad params for settings.set at consoleBudgetBytes: too big' })
    expect(settings.getState().settings?.consoleBudgetBytes).toBe(64 * MiB)
  })

  it('waits for the settings to be read before saving', async () => {
    const { client } = workbench()
    const store = createConsoleStorageStore(client, createSettingsStore(client))
    store.getState().toggle()
    expect(store.getState().draft.budgetMiB).toBe('64')
    store.getState().setBudget('16')
    await store.getState().apply()
    expect(store.getState().error).toMatch(/not been read yet/)
    expect(client.callsOf('settings.set')).toEqual([])
  })

  it('drops the error when the form is closed', async () => {
    const { store } = await setup()
    store.getState().toggle()
    store.getState().setSampling('log', 'x')
    await store.getState().apply()
    expect(store.getState().invalid).toBe('log')
    store.getState().hide()
    expect(store.getState()).toMatchObject({ open: false, invalid: null, error: null })
  })
})
