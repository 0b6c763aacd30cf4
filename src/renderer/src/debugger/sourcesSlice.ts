// The debugger store's files and breakpoints: the list of the target's sources, the file shown,
// and the breakpoints of its process (the gutter, the editor, the list).
import type { Breakpoint, DebugSource } from '../../../shared/debuggerTypes'
import { errorMessage } from '../api/apiError'
import { breakpointAtLine, breakpointPlace } from './debuggerFacts'
import type { DebuggerSliceContext, SourcesActions, SourcesState } from './debuggerStoreTypes'

export const emptySources = {
  sources: [],
  open: null,
  reveal: null,
  breakpoints: [],
  editing: null
} satisfies Partial<SourcesState>

/**
 * `list` with `added` merged in by url (a file loaded again keeps one row, with its latest facts).
 * A compiled script listed before its source map was read gives way to its original files once
 * they arrive: the list shows what the user wrote, not what tsc made of it.
 */
export function mergeSources(list: readonly DebugSource[], added: readonly DebugSource[]): DebugSource[] {
  const byUrl = new Map(list.map((s) => [s.url, s]))
  for (const source of added) byUrl.set(source.url, source)
  const mapped = new Set<string>()
  for (const source of byUrl.values()) if (source.kind === 'original' && source.generatedUrl) mapped.add(source.generatedUrl)
  return [...byUrl.values()].filter((s) => s.kind !== 'script' || !mapped.has(s.url))
}

function upsert(list: readonly Breakpoint[], bp: Breakpoint): Breakpoint[] {
  const at = list.findIndex((b) => b.id === bp.id)
  if (at < 0) return [...list, bp]
  const next = list.slice()
  next[at] = bp
  return next
}

export function createSourcesSlice({ api, set, get, tokens, current, attempt }: DebuggerSliceContext): SourcesState & SourcesActions {
  return {
    search: '',
    ...emptySources,

    handleSources(event) {
      if (event.targetId !== current()) return
      const removed = new Set(event.removed)
      set((s) => ({ sources: mergeSources(event.reset ? [] : s.sources.filter((x) => !removed.has(x.url)), event.added) }))
    },

    handleBreakpoints(event) {
      if (!current() || event.rootId !== get().rootId) return
      set({ breakpoints: event.breakpoints })
    },

    setSearch(text) {
      set({ search: text })
    },

    async openSource(target, line) {
      const targetId = current()
      if (!targetId) return
      const key = 'url' in target ? target.url : `script:${target.scriptId}`
      const url = 'url' in target ? target.url : null
      const reveal = line !== undefined ? { line } : null
      const open = get().open
      if (open && open.key === key && open.status !== 'error' && open.status !== 'location') {
        set({ reveal })
        return
      }
      const token = ++tokens.source
      set({ open: { key, url, status: 'loading' }, reveal })
      try {
        const source = await api.invoke('debugger.source', { targetId, ...target })
        if (token === tokens.source) set({ open: { key, url, status: 'loaded', source } })
      } catch (error) {
        if (token === tokens.source) set({ open: { key, url, status: 'error', message: errorMessage(error) } })
      }
    },

    async openBreakpoint(breakpoint) {
      const targetId = current()
      const place = targetId ? breakpointPlace(breakpoint, targetId) : null
      if (place) await get().openSource({ url: place.url }, place.line ?? undefined)
    },

    async toggleLineBreakpoint(line) {
      const { targetId, open, breakpoints, readOnly } = get()
      if (!targetId || !open?.url || readOnly) return
      const url = open.url
      const existing = breakpointAtLine(breakpoints, url, targetId, line)
      await attempt(async () => {
        if (existing) {
          await api.invoke('debugger.removeBreakpoint', { targetId, breakpointId: existing.id })
          set((s) => ({ breakpoints: s.breakpoints.filter((b) => b.id !== existing.id) }))
        } else {
          const bp = await api.invoke('debugger.setBreakpoint', { targetId, url, line })
          set((s) => ({ breakpoints: upsert(s.breakpoints, bp) }))
        }
      })
    },

    async saveLineBreakpoint(line, settings) {
      const { targetId, open, breakpoints, readOnly } = get()
      if (!targetId || !open?.url || readOnly) return
      const url = open.url
      const existing = breakpointAtLine(breakpoints, url, targetId, line)
      await attempt(async () => {
        const bp = existing
          ? await api.invoke('debugger.updateBreakpoint', { targetId, breakpointId: existing.id, ...settings })
          : await api.invoke('debugger.setBreakpoint', {
              targetId,
              url,
              line,
              ...(settings.condition ? { condition: settings.condition } : {}),
              ...(settings.logMessage ? { logMessage: settings.logMessage } : {}),
              ...(settings.hitCondition ? { hitCondition: settings.hitCondition } : {})
            })
        set((s) => ({ breakpoints: upsert(s.breakpoints, bp) }))
      })
    },

    editBreakpoint(line, anchor) {
      if (!get().readOnly && get().open?.url) set({ editing: { line, anchor } })
    },

    async saveEditedBreakpoint(settings) {
      const editing = get().editing
      if (!editing) return
      set({ editing: null })
      await get().saveLineBreakpoint(editing.line, settings)
    },

    async removeEditedBreakpoint() {
      const { editing, open, breakpoints, targetId } = get()
      set({ editing: null })
      const existing = editing && open?.url && targetId ? breakpointAtLine(breakpoints, open.url, targetId, editing.line) : null
      if (existing) await get().removeBreakpoint(existing.id)
    },

    closeBreakpointEditor() {
      set({ editing: null })
    },

    async addFunctionBreakpoint(functionName) {
      const targetId = current()
      const name = functionName.trim()
      if (!targetId || !name || get().readOnly) return
      await attempt(async () => {
        const bp = await api.invoke('debugger.setFunctionBreakpoint', { targetId, functionName: name })
        set((s) => ({ breakpoints: upsert(s.breakpoints, bp) }))
      })
    },

    async setBreakpointEnabled(breakpointId, enabled) {
      const targetId = current()
      const before = get().breakpoints.find((b) => b.id === breakpointId)
      if (!targetId || !before || get().readOnly) return
      // The checkbox follows the click at once; the engine's answer (or a failure) settles it.
      const flip = (value: boolean): void => set((s) => ({ breakpoints: s.breakpoints.map((b) => (b.id === breakpointId ? { ...b, enabled: value } : b)) }))
      flip(enabled)
      try {
        const bp = await api.invoke('debugger.updateBreakpoint', { targetId, breakpointId, enabled })
        set((s) => ({ breakpoints: upsert(s.breakpoints, bp) }))
      } catch (error) {
        flip(before.enabled)
        set({ actionError: errorMessage(error) })
      }
    },

    async removeBreakpoint(breakpointId) {
      const targetId = current()
      if (!targetId || get().readOnly) return
      await attempt(async () => {
        await api.invoke('debugger.removeBreakpoint', { targetId, breakpointId })
        set((s) => ({ breakpoints: s.breakpoints.filter((b) => b.id !== breakpointId) }))
      })
    },

    async removeAllBreakpoints() {
      const targetId = current()
      if (!targetId || get().readOnly) return
      await attempt(async () => {
        await api.invoke('debugger.removeAllBreakpoints', { targetId })
        set({ breakpoints: [] })
      })
    }
  }
}
