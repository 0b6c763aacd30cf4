// Several parts share the Debugger domain of one target connection: exception capture (console)
// pauses on every uncaught exception to record it, the debugger keeps pauses for the user, the
// target manager lets a program held at start run. One coordinator per connection decides what
// becomes of each pause, so that exactly one party resumes it: a keeper that claims it resumes it
// later, and a pause nobody claims is resumed at once. Pause on exceptions is the widest state any
// owner asked for.
// It lives in targets/, beside the connection it coordinates, rather than in debugger/: console
// (exception capture) and debugger both use it, and debugger already imports console, so either of
// those folders would make the two import each other. Both import targets/ already.
import type { Protocol } from 'devtools-protocol'
import type { CdpClient } from './cdp/connection'

type PausedEvent = Protocol.Debugger.PausedEvent
export type ExceptionPauseState = 'none' | 'uncaught' | 'all'

/** Returns true to keep the pause (and then resumes it itself, later). Called synchronously. */
export type PauseKeeper = (event: PausedEvent) => boolean

const stateRank: Record<ExceptionPauseState, number> = { none: 0, uncaught: 1, all: 2 }

export class PauseCoordinator {
  private readonly observers = new Set<(event: PausedEvent) => void>()
  private readonly keepers = new Set<PauseKeeper>()
  private readonly exceptionStates = new Map<string, ExceptionPauseState>()

  constructor(private readonly cdp: CdpClient) {
    cdp.on('Debugger.paused', (event) => this.onPaused(event))
  }

  /** Sees every pause before any keeper decides (exception capture). */
  observe(listener: (event: PausedEvent) => void): () => void {
    this.observers.add(listener)
    return () => this.observers.delete(listener)
  }

  keep(keeper: PauseKeeper): () => void {
    this.keepers.add(keeper)
    return () => this.keepers.delete(keeper)
  }

  /** Asks for a pause-on-exceptions state; the connection gets the widest one asked (Debugger must be enabled). */
  async setPauseOnExceptions(owner: string, state: ExceptionPauseState): Promise<void> {
    this.exceptionStates.set(owner, state)
    let widest: ExceptionPauseState = 'none'
    for (const asked of this.exceptionStates.values()) if (stateRank[asked] > stateRank[widest]) widest = asked
    await this.cdp.trySend('Debugger.setPauseOnExceptions', { state: widest })
  }

  private onPaused(event: PausedEvent): void {
    for (const observer of [...this.observers]) observer(event)
    let kept = false
    // Every keeper sees the pause (each counts its own hits); any one of them keeps it.
    for (const keeper of [...this.keepers]) if (keeper(event)) kept = true
    if (!kept) void this.cdp.trySend('Debugger.resume', {})
  }
}

const coordinators = new WeakMap<CdpClient, PauseCoordinator>()

export function pauseCoordinatorOf(cdp: CdpClient): PauseCoordinator {
  let coordinator = coordinators.get(cdp)
  if (!coordinator) coordinators.set(cdp, (coordinator = new PauseCoordinator(cdp)))
  return coordinator
}
