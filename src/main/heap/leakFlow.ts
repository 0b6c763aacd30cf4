// The one-click leak finder (memlab's method) on one target: a baseline snapshot, the user runs
// the action they suspect, a target snapshot, the user lets it finish (or undoes it), a final
// snapshot; then the objects allocated between baseline and target that are still alive in
// final. Each snapshot is taken after a forced GC, whose freed bytes the state reports.
import type { LeakFlowState, LeakStep } from '../../shared/heapApi'
import { UserError } from '../../shared/userError'
import type { CdpClient } from '../targets'
import type { SnapshotLibrary } from './snapshotLibrary'

export interface LeakFlowOptions {
  library: SnapshotLibrary
  cdpOf(targetId: string): CdpClient
  onChanged(state: LeakFlowState): void
}

export class LeakFlows {
  private readonly flows = new Map<string, LeakFlowState>()

  constructor(private readonly options: LeakFlowOptions) {}

  get(targetId: string): LeakFlowState | null {
    const flow = this.flows.get(targetId)
    return flow ? { ...flow, gc: { ...flow.gc } } : null
  }

  /** Takes the step the flow waits for; a finished or failed flow starts over. */
  async next(targetId: string): Promise<LeakFlowState> {
    let flow = this.flows.get(targetId)
    if (flow?.busy) throw new UserError('BAD_REQUEST', 'the leak finder is still taking a snapshot of this target')
    if (!flow || flow.step === 'done' || flow.step === 'failed') {
      flow = freshFlow(targetId)
      this.flows.set(targetId, flow)
    }
    const current = flow
    const step: LeakStep = current.step === 'baseline' ? 'baseline' : current.step === 'action' ? 'target' : 'final'
    this.update(current, { busy: true, error: null })
    try {
      const cdp = this.options.cdpOf(targetId)
      const taken = await this.options.library.take(targetId, cdp, { collectGarbage: true, leakStep: step })
      if (this.flows.get(targetId) !== current) return this.get(targetId) ?? this.copy(current)
      const gc = taken.gc ? { ...current.gc, [step]: taken.gc } : current.gc
      if (step === 'baseline') this.update(current, { baselineId: taken.id, gc, step: 'action', busy: false })
      else if (step === 'target') this.update(current, { targetSnapshotId: taken.id, gc, step: 'final', busy: false })
      else {
        this.update(current, { finalId: taken.id, gc, step: 'analysing' })
        const leaks = await this.options.library.leaks(current.baselineId!, current.targetSnapshotId!, taken.id)
        if (this.flows.get(targetId) !== current) return this.copy(current)
        this.update(current, { leaks, step: 'done', busy: false })
      }
    } catch (error) {
      if (this.flows.get(targetId) === current) this.update(current, { step: 'failed', busy: false, error: (error as Error).message.split('\n')[0] })
      throw error
    }
    return this.copy(current)
  }

  /** Forgets the flow (it starts over at the baseline); its snapshots stay in the list. */
  cancel(targetId: string): void {
    if (!this.flows.delete(targetId)) return
    this.options.onChanged(freshFlow(targetId))
  }

  private update(flow: LeakFlowState, patch: Partial<LeakFlowState>): void {
    Object.assign(flow, patch)
    this.options.onChanged(this.copy(flow))
  }

  private copy(flow: LeakFlowState): LeakFlowState {
    return { ...flow, gc: { ...flow.gc } }
  }
}

export function freshFlow(targetId: string): LeakFlowState {
  return { targetId, step: 'baseline', busy: false, baselineId: null, targetSnapshotId: null, finalId: null, gc: {}, leaks: null, error: null }
}
