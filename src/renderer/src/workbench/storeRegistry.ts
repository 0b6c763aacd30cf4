// The one place where the workbench model keeps what it must undo: every store it made, with the
// subscriptions that feed it (engine events, connection changes, other stores) and any timers it
// runs. The model registers each store as it creates it; `dispose` undoes all of them, newest first.

/** A feature's store together with what feeds it; `dispose` ends every subscription it made. */
export interface ConnectedStore<S> {
  readonly store: S
  dispose(): void
}

export class StoreRegistry {
  private readonly cleanups: Array<() => void> = []
  private disposed = false

  /** A store that nothing feeds from outside (its own actions change it). */
  add<S>(store: S): S {
    this.assertOpen()
    return store
  }

  /** A store and what feeds it: its subscriptions end with the model. */
  connect<S>(connected: ConnectedStore<S>): S {
    this.assertOpen()
    this.cleanups.push(() => connected.dispose())
    return connected.store
  }

  /** A subscription the model itself holds (the wiring between stores). */
  track(...offs: Array<() => void>): void {
    this.assertOpen()
    this.cleanups.push(...offs)
  }

  /** Ends everything registered, newest first; a second call does nothing. */
  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    while (this.cleanups.length > 0) this.cleanups.pop()!()
  }

  private assertOpen(): void {
    if (this.disposed) throw new Error('the workbench model was disposed: no store can be registered with it')
  }
}
