import { setTimeout as delay } from 'node:timers/promises'

/**
 * Polls a condition until it yields a value or the deadline passes (then null). This waits on a
 * condition the OS gives no event for (a port opening, a process appearing); it is not a sleep.
 */
export async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs: number, intervalMs = 50): Promise<T | null> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== null && value !== undefined) return value
    if (Date.now() >= deadline) return null
    await delay(Math.min(intervalMs, Math.max(0, deadline - Date.now())))
  }
}
