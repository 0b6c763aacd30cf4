// The console's storage settings as a form: the byte budget of each target's store and the share
// of each level kept. The draft holds what the user typed; `apply` validates it and saves the
// fields that changed with settings.set.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { WorkbenchApi } from '../../../shared/api'
import { consoleLevels, type ConsoleLevel } from '../../../shared/consoleTypes'
import type { Settings } from '../../../shared/settingsTypes'
import { errorMessage } from '../api/apiError'
import type { SettingsStore } from '../settings/settingsStore'

export type StorageSettings = Pick<Settings, 'consoleBudgetBytes' | 'consoleSampling'>

const MiB = 1024 * 1024
/** The limits of settingsTypes' consoleBudgetBytes, in MiB. */
export const budgetLimitsMiB = { min: 1, max: 2048 } as const
export const budgetPresetsMiB = [16, 64, 256, 1024] as const

/**
 * What the form shows before settings were read. The renderer does not bundle the zod schema
 * (settingsTypes' defaults); these mirror them, and Apply waits for the real settings anyway.
 */
const fallback: StorageSettings = { consoleBudgetBytes: 64 * MiB, consoleSampling: { debug: 1, log: 1, info: 1, warn: 1, error: 1 } }

export interface StorageDraft {
  /** Whole MiB, as typed. */
  budgetMiB: string
  /** Percent kept of each level (0–100), as typed. */
  sampling: Record<ConsoleLevel, string>
}

export type StorageField = 'budget' | ConsoleLevel

export type ParsedDraft = { ok: true; value: StorageSettings } | { ok: false; field: StorageField; error: string }

/** A share (0..1) as the percent the form shows: 1 → "100", 0.125 → "12.5". */
export function formatPercent(share: number): string {
  return String(Math.round(share * 100_000) / 1000)
}

/** What a typed percentage keeps, in words ("all", "1 in 10", "none"); empty when that is not simple. */
export function samplingHint(text: string): string {
  const percent = Number(text.trim().replace(/%$/, ''))
  if (text.trim() === '' || !(percent >= 0 && percent <= 100)) return ''
  if (percent === 100) return 'all'
  if (percent === 0) return 'none'
  const oneIn = 100 / percent
  return Math.abs(oneIn - Math.round(oneIn)) < 1e-9 ? `1 in ${Math.round(oneIn).toLocaleString('en-US')}` : ''
}

export function draftFrom(settings: StorageSettings): StorageDraft {
  const mib = settings.consoleBudgetBytes / MiB
  return {
    budgetMiB: Number.isInteger(mib) ? String(mib) : mib.toFixed(2),
    sampling: Object.fromEntries(consoleLevels.map((level) => [level, formatPercent(settings.consoleSampling[level])])) as Record<ConsoleLevel, string>
  }
}

/** Validates the draft; the error is one line naming the field. */
export function parseDraft(draft: StorageDraft): ParsedDraft {
  const budgetText = draft.budgetMiB.trim()
  const mib = /^\d+$/.test(budgetText) ? Number(budgetText) : NaN
  if (!(mib >= budgetLimitsMiB.min && mib <= budgetLimitsMiB.max)) {
    return { ok: false, field: 'budget', error: `The budget must be a whole number of MiB from ${budgetLimitsMiB.min} to ${budgetLimitsMiB.max.toLocaleString('en-US')}.` }
  }
  const sampling = {} as Record<ConsoleLevel, number>
  for (const level of consoleLevels) {
    const text = draft.sampling[level].trim().replace(/%$/, '').trim()
    const percent = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN
    if (!(percent >= 0 && percent <= 100)) return { ok: false, field: level, error: `The share of ${level} messages kept must be a percentage from 0 to 100.` }
    sampling[level] = percent / 100
  }
  return { ok: true, value: { consoleBudgetBytes: mib * MiB, consoleSampling: sampling } }
}

/** The fields of `next` that differ from `current`, as a settings.set patch. */
export function storagePatch(current: StorageSettings, next: StorageSettings): Partial<StorageSettings> {
  const patch: Partial<StorageSettings> = {}
  if (next.consoleBudgetBytes !== current.consoleBudgetBytes) patch.consoleBudgetBytes = next.consoleBudgetBytes
  if (consoleLevels.some((level) => next.consoleSampling[level] !== current.consoleSampling[level])) patch.consoleSampling = next.consoleSampling
  return patch
}

export interface ConsoleStorageState {
  open: boolean
  draft: StorageDraft
  /** The field the error is about, for aria-invalid. */
  invalid: StorageField | null
  /** Why the last Apply did nothing, as one line. */
  error: string | null
  saving: boolean
}

export interface ConsoleStorageActions {
  /** Opens the form with the current settings (or closes it). */
  toggle(): void
  hide(): void
  setBudget(text: string): void
  setSampling(level: ConsoleLevel, text: string): void
  /** Validates and saves what changed; closes the form once saved. */
  apply(): Promise<void>
}

export type ConsoleStorageStore = StoreApi<ConsoleStorageState & ConsoleStorageActions>

export function createConsoleStorageStore(api: WorkbenchApi, settings: SettingsStore): ConsoleStorageStore {
  const current = (): StorageSettings => settings.getState().settings ?? fallback
  return createStore<ConsoleStorageState & ConsoleStorageActions>()((set, get) => ({
    open: false,
    draft: draftFrom(fallback),
    invalid: null,
    error: null,
    saving: false,

    toggle() {
      if (get().open) get().hide()
      else set({ open: true, draft: draftFrom(current()), invalid: null, error: null })
    },

    hide() {
      set({ open: false, invalid: null, error: null })
    },

    setBudget(text) {
      set((s) => ({ draft: { ...s.draft, budgetMiB: text }, invalid: null, error: null }))
    },

    setSampling(level, text) {
      set((s) => ({ draft: { ...s.draft, sampling: { ...s.draft.sampling, [level]: text } }, invalid: null, error: null }))
    },

    async apply() {
      if (get().saving) return
      const parsed = parseDraft(get().draft)
      if (!parsed.ok) {
        set({ invalid: parsed.field, error: parsed.error })
        return
      }
      if (settings.getState().settings === null) {
        set({ invalid: null, error: 'Settings have not been read yet; try again once connected.' })
        return
      }
      const patch = storagePatch(current(), parsed.value)
      if (Object.keys(patch).length === 0) {
        get().hide()
        return
      }
      set({ saving: true, invalid: null, error: null })
      try {
        settings.getState().apply(await api.invoke('settings.set', patch))
        set({ saving: false, open: false })
      } catch (error) {
        set({ saving: false, error: `Could not save the storage settings: ${errorMessage(error)}` })
      }
    }
  }))
}
