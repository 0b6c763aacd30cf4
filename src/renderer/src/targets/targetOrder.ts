import type { TargetInfo, TargetState } from '../../../shared/targetTypes'

export interface TargetRow {
  target: TargetInfo
  /** 0 for processes, 1+ for worker threads under their parent. */
  depth: number
}

/** Targets in display order: each process followed by its workers (recursively), indented. */
export function orderTargets(targets: readonly TargetInfo[]): TargetRow[] {
  const ids = new Set(targets.map((t) => t.id))
  const children = new Map<string | null, TargetInfo[]>()
  for (const t of targets) {
    // A worker whose parent is gone is shown at the top level rather than lost.
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null
    const list = children.get(parent) ?? []
    list.push(t)
    children.set(parent, list)
  }
  const rows: TargetRow[] = []
  const visit = (parent: string | null, depth: number): void => {
    for (const t of children.get(parent) ?? []) {
      rows.push({ target: t, depth })
      if (depth < 16) visit(t.id, depth + 1)
    }
  }
  visit(null, 0)
  return rows
}

export function isEnded(state: TargetState): boolean {
  return state === 'detached' || state === 'exited'
}

/** The badge text for a target's state: `exited · exit code 1`, `exited · signal SIGTERM`. */
export function stateLabel(target: TargetInfo): string {
  if (target.state !== 'exited' || !target.exit) return target.state
  if (target.exit.signal) return `exited · signal ${target.exit.signal}`
  if (target.exit.code !== null) return `exited · exit code ${target.exit.code}`
  return 'exited'
}
