import type { ConsoleEvent, ConsoleFilter } from './consoleTypes'

/** The one filter used by the store (CLI, export) and the renderer's live list. */
export function matchesConsoleFilter(event: ConsoleEvent, filter: ConsoleFilter): boolean {
  if (filter.levels && filter.levels.length > 0 && !filter.levels.includes(event.level)) return false
  if (filter.sources && filter.sources.length > 0 && !filter.sources.includes(event.source)) return false
  const needle = filter.text?.trim().toLowerCase()
  if (!needle) return true
  if (event.text.toLowerCase().includes(needle)) return true
  const where = event.location?.url ?? ''
  return where.toLowerCase().includes(needle)
}
