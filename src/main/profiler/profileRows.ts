// Rows for people: the function table and the attribution by owner, the summary that travels
// with a profile (sessions, the UI's header), and the `spyglass profile --json` report. Shares
// are of non-idle time; "(idle)" is left out of the rows and reported as idleMs.
import type { ProfileFunctionRow, ProfileGroupRow, ProfileReport, ProfileSummary } from '../../shared/profileTypes'
import { profileCategories, type ProfileModel } from './profileModel'

const IDLE = profileCategories.indexOf('idle')

export interface FunctionRowOptions {
  /** At most this many rows (all by default). */
  limit?: number
  sortBy?: 'self' | 'total'
}

function share(ms: number, model: ProfileModel): number {
  return model.nonIdleMs > 0 ? (ms / model.nonIdleMs) * 100 : 0
}

/** The function table by self (or total) time: every function that was on a sampled stack, but "(idle)" and the bare root. */
export function functionRows(model: ProfileModel, options: FunctionRowOptions = {}): ProfileFunctionRow[] {
  const { functions: f, strings } = model
  const key = options.sortBy === 'total' ? f.totalMs : f.selfMs
  const other = options.sortBy === 'total' ? f.selfMs : f.totalMs
  const picked: number[] = []
  for (let i = 0; i < f.count; i++) {
    if (f.category[i] === IDLE || f.totalMs[i] <= 0) continue
    if (f.group[i] === model.rootGroup && f.selfMs[i] <= 0) continue
    picked.push(i)
  }
  const limit = options.limit ?? picked.length
  let rows = picked
  if (limit * 4 < picked.length) {
    // The top few of many: keep what reaches the limit-th largest key (a native numeric sort
    // of the keys), and sort only those.
    const keys = Float64Array.from(picked, (i) => key[i]).sort()
    const threshold = keys[keys.length - limit]
    rows = picked.filter((i) => key[i] >= threshold)
  }
  rows.sort((a, b) => key[b] - key[a] || other[b] - other[a] || a - b)
  if (rows.length > limit) rows = rows.slice(0, limit)
  return rows.map((i) => ({
    index: i,
    functionName: strings[f.name[i]],
    url: strings[f.url[i]],
    line: f.line[i] >= 0 ? f.line[i] + 1 : null,
    column: f.column[i] >= 0 ? f.column[i] + 1 : null,
    category: profileCategories[f.category[i]],
    packageName: profileCategories[f.category[i]] === 'npm' ? model.groups.name[f.group[i]] : null,
    selfMs: f.selfMs[i],
    selfPct: share(f.selfMs[i], model),
    totalMs: f.totalMs[i],
    totalPct: share(f.totalMs[i], model)
  }))
}

/** Attribution rows (your code, each npm package, node internals, V8, (program), (gc)) by self time. */
export function groupRows(model: ProfileModel): ProfileGroupRow[] {
  const g = model.groups
  const rows: ProfileGroupRow[] = []
  for (let i = 0; i < g.count; i++) {
    if (g.category[i] === IDLE || g.totalMs[i] <= 0) continue
    if (i === model.rootGroup && g.selfMs[i] <= 0) continue
    rows.push({ index: i, name: g.name[i], category: profileCategories[g.category[i]], selfMs: g.selfMs[i], selfPct: share(g.selfMs[i], model), totalMs: g.totalMs[i], totalPct: share(g.totalMs[i], model) })
  }
  return rows.sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs || a.index - b.index)
}

export function summarizeProfile(model: ProfileModel, options: { topFunctions?: number } = {}): ProfileSummary {
  return {
    format: model.format,
    startTime: model.startTime,
    endTime: model.endTime,
    durationMs: model.durationMs,
    sampledMs: model.sampledMs,
    idleMs: model.idleMs,
    nonIdleMs: model.nonIdleMs,
    samples: model.samples.count,
    sampleIntervalMs: model.samples.count > 0 ? model.sampledMs / model.samples.count : 0,
    nodes: model.fileNodes,
    functions: model.functions.count,
    maxDepth: model.maxDepth,
    topFunctions: functionRows(model, { limit: options.topFunctions ?? 50 }),
    groups: groupRows(model)
  }
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000

/** The `spyglass profile --json` object: every function (or the top `limit`) by self time, rounded to microseconds. */
export function profileReport(model: ProfileModel, options: { limit?: number } = {}): ProfileReport {
  return {
    durationMs: round3(model.durationMs),
    samples: model.samples.count,
    sampledMs: round3(model.sampledMs),
    idleMs: round3(model.idleMs),
    functions: functionRows(model, { limit: options.limit }).map((r) => ({
      functionName: r.functionName,
      url: r.url,
      line: r.line,
      column: r.column,
      category: r.category,
      packageName: r.packageName,
      selfMs: round3(r.selfMs),
      selfPct: round3(r.selfPct),
      totalMs: round3(r.totalMs),
      totalPct: round3(r.totalPct)
    })),
    packages: groupRows(model).map((r) => ({ name: r.name, category: r.category, selfMs: round3(r.selfMs), selfPct: round3(r.selfPct), totalMs: round3(r.totalMs), totalPct: round3(r.totalPct) }))
  }
}
