import type { PropertiesEntry } from './consoleStore'

/** What a console row needs beyond its event: expansion state and the lazy property cache. */
export interface RowContext {
  targetId: string
  expanded: Record<string, true>
  /** Looks up the cache entry for an object of this target. */
  propertiesOf(objectId: string): PropertiesEntry | undefined
  onToggle(key: string): void
  onLoadProperties(objectId: string): void
}

export const rowKey = (targetId: string, seq: number): string => `${targetId}:${seq}`
