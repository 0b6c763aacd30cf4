// Callers and callees of one function, as speedscope's "sandwich" view shows them: the callees
// tree merges every subtree rooted at the function; the callers tree is inverted, from the
// function up through its callers to the outermost frame. Only outermost occurrences count (a
// recursive function's inner calls are inside the callee subtrees already), so both trees have
// the function's total time at their root.
import type { ProfileTreeColumns } from '../../shared/profileTypes'
import { layoutTree, MergedTreeBuilder } from './callTree'
import type { ProfileModel } from './profileModel'

export interface ProfileSandwich {
  function: number
  selfMs: number
  totalMs: number
  /** Root: the function; children: its direct callers; and so on outwards (the profile's root left out). */
  callers: ProfileTreeColumns
  /** Root: the function; below it, everything it called. */
  callees: ProfileTreeColumns
}

export function sandwich(model: ProfileModel, fn: number): ProfileSandwich {
  if (!Number.isInteger(fn) || fn < 0 || fn >= model.functions.count) throw new RangeError(`no function ${fn} in this profile`)
  const { tree } = model
  const callers = new MergedTreeBuilder(fn)
  const callees = new MergedTreeBuilder(fn)
  const calleeOf = new Int32Array(tree.count)
  let insideUntil = 0
  for (let r = 0; r < tree.count; r++) {
    if (r < insideUntil || tree.function[r] !== fn) continue
    // An outermost occurrence: its subtree [r, end) joins the callees, its path up joins the callers.
    const end = tree.subtreeEnd[r]
    insideUntil = end
    calleeOf[r] = 0
    callees.addSelf(0, tree.selfMs[r])
    for (let j = r + 1; j < end; j++) {
      calleeOf[j] = callees.child(calleeOf[tree.parent[j]], tree.function[j])
      callees.addSelf(calleeOf[j], tree.selfMs[j])
    }
    let at = 0
    for (let a = tree.parent[r]; a > 0; a = tree.parent[a]) at = callers.child(at, tree.function[a])
    callers.addSelf(at, tree.totalMs[r])
  }
  const callerTree = layoutTree(callers.parent.data, callers.function.data, callers.selfMs.data, callers.count).tree
  const calleeTree = layoutTree(callees.parent.data, callees.function.data, callees.selfMs.data, callees.count).tree
  return { function: fn, selfMs: model.functions.selfMs[fn], totalMs: model.functions.totalMs[fn], callers: callerTree, callees: calleeTree }
}
