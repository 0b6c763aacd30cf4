/** A tiny event emitter for the browser (node:events is off limits in the renderer). */
export class Emitter {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>()

  on(name: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(name)
    if (!set) this.listeners.set(name, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  /** Listeners registered and not yet removed: of one event, or of all of them. */
  listenerCount(name?: string): number {
    if (name !== undefined) return this.listeners.get(name)?.size ?? 0
    let count = 0
    for (const set of this.listeners.values()) count += set.size
    return count
  }

  emit(name: string, payload: unknown): void {
    const set = this.listeners.get(name)
    if (!set) return
    for (const listener of [...set]) {
      try {
        listener(payload)
      } catch (error) {
        // One broken listener must not starve the others; report it and carry on.
        console.error(`spyglass: a listener of ${name} threw`, error)
      }
    }
  }
}
