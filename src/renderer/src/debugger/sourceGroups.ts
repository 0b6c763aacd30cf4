// The file list's grouping and search, pure: your code, node_modules, Node's internals, in that
// order (what a user debugs first comes first), each sorted by name and filtered by a search text.
import type { DebugSource, SourceGroup } from '../../../shared/debuggerTypes'

export interface SourceListGroup {
  group: SourceGroup
  title: string
  sources: DebugSource[]
}

const groupTitles: Record<SourceGroup, string> = { app: 'Your code', node_modules: 'node_modules', internal: 'Node internals' }
const groupOrder: SourceGroup[] = ['app', 'node_modules', 'internal']

/** How a dependency reads in the list: `express/lib/router.js`, wherever node_modules is. */
export function displayName(source: Pick<DebugSource, 'name' | 'group'>): string {
  if (source.group !== 'node_modules') return source.name
  const normalized = source.name.replace(/\\/g, '/')
  const cut = normalized.lastIndexOf('node_modules/')
  return cut >= 0 ? normalized.slice(cut + 'node_modules/'.length) : normalized
}

/** The last segment and the rest of a path: `src/lib/a.js` → `a.js`, `src/lib`. */
export function splitPath(path: string): { name: string; dir: string } {
  const normalized = path.replace(/\\/g, '/')
  const cut = normalized.lastIndexOf('/')
  return cut < 0 ? { name: normalized, dir: '' } : { name: normalized.slice(cut + 1), dir: normalized.slice(0, cut) }
}

/** Sources grouped by origin, each group sorted by its display name; empty groups are left out. */
export function groupSources(sources: readonly DebugSource[], search: string): SourceListGroup[] {
  const needle = search.trim().toLowerCase()
  const groups = new Map<SourceGroup, { name: string; source: DebugSource }[]>()
  for (const source of sources) {
    const name = displayName(source)
    if (needle && !name.toLowerCase().includes(needle)) continue
    let list = groups.get(source.group)
    if (!list) groups.set(source.group, (list = []))
    list.push({ name, source })
  }
  return groupOrder
    .filter((group) => groups.has(group))
    .map((group) => ({
      group,
      title: groupTitles[group],
      sources: groups
        .get(group)!
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((entry) => entry.source)
    }))
}
