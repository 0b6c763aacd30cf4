// The most frequent warnings and errors of a session, counted in bounded memory.

/** A message that recurs among warnings and errors. */
export interface FrequentMessage {
  level: 'warn' | 'error'
  /** The message as recorded (cut at `maxMessageChars`). */
  text: string
  count: number
}

export const topMessageCount = 5
/** Messages are counted by their first this many characters: a huge message is still one key. */
export const maxMessageChars = 500

/**
 * Counts messages in bounded memory by lossy counting (Manku & Motwani): every `width` items,
 * once more than `width` distinct messages are held, those too rare to matter are forgotten.
 * Exact while no more than `width` distinct messages were seen; otherwise each count is low by
 * at most total/width, and memory stays bounded by a small multiple of `width`.
 */
export class FrequentMessageCounter {
  private readonly entries = new Map<string, { level: 'warn' | 'error'; text: string; count: number; error: number }>()
  private seen = 0
  private nextPrune: number
  approximate = false

  constructor(private readonly width = 10_000) {
    this.nextPrune = width
  }

  /** `times`: a row standing for consecutive repetitions counts as all of them. */
  add(level: 'warn' | 'error', text: string, times = 1): void {
    const cut = text.length > maxMessageChars ? text.slice(0, maxMessageChars) : text
    const key = `${level}\u0000${cut}`
    const bucket = Math.floor(this.seen / this.width)
    this.seen += times
    const entry = this.entries.get(key)
    if (entry) entry.count += times
    else this.entries.set(key, { level, text: cut, count: times, error: bucket })
    // Forgetting only when the map has grown keeps few-but-frequent messages exact forever.
    if (this.seen < this.nextPrune) return
    this.nextPrune = this.seen + this.width
    if (this.entries.size > this.width) {
      for (const [k, e] of this.entries) {
        if (e.count + e.error <= bucket + 1) {
          this.entries.delete(k)
          this.approximate = true
        }
      }
    }
  }

  top(n: number): FrequentMessage[] {
    return [...this.entries.values()]
      .sort((a, b) => b.count - a.count || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) || a.text.localeCompare(b.text))
      .slice(0, n)
      .map(({ level, text, count }) => ({ level, text, count }))
  }
}
