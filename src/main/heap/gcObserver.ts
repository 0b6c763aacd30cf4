// GC marks from inside the target: a PerformanceObserver for 'gc' entries, installed once per
// process, reports each batch of entries through a Runtime binding. Minor GCs (scavenges) run
// many times a second in a busy program and say little about leaks: only the others are sent.
import type { HeapGcMark } from '../../shared/heapApi'
import type { CdpClient } from '../targets'
import { createLogger } from '../log'

const log = createLogger('heap')

export const gcBindingName = '__spyglassHeapGc'

// Runs in the target. The binding is looked up at each call: a later connection replaces it, and
// once no connection holds it, calling it does nothing. Node's kinds: 1 minor, 4 major, 8 incremental, 16 weak callbacks.
const installExpression = `(() => {
  const key = Symbol.for('spyglass.gcObserver');
  if (globalThis[key] || typeof PerformanceObserver !== 'function') return !!globalThis[key];
  const observer = new PerformanceObserver((list) => {
    const marks = [];
    for (const e of list.getEntries()) {
      const kind = e.detail && typeof e.detail.kind === 'number' ? e.detail.kind : e.kind;
      if (kind === 1) continue;
      marks.push([performance.timeOrigin + e.startTime, kind, e.duration]);
    }
    const send = globalThis[${JSON.stringify(gcBindingName)}];
    if (marks.length > 0 && typeof send === 'function') { try { send(JSON.stringify(marks)); } catch {} }
  });
  observer.observe({ entryTypes: ['gc'] });
  globalThis[key] = observer;
  return true;
})()`

const kinds: Record<number, HeapGcMark['kind']> = { 1: 'minor', 4: 'major', 8: 'incremental', 16: 'weakcb' }

/** Parses one binding payload; anything malformed is dropped (the target's code could call the binding too). */
export function parseGcMarks(payload: string): HeapGcMark[] {
  let rows: unknown
  try {
    rows = JSON.parse(payload)
  } catch (error) {
    log.debug('dropped GC marks that are not JSON', error)
    return []
  }
  if (!Array.isArray(rows)) return []
  const marks: HeapGcMark[] = []
  for (const row of rows) {
    if (!Array.isArray(row) || typeof row[0] !== 'number' || typeof row[1] !== 'number' || typeof row[2] !== 'number') continue
    if (!Number.isFinite(row[0]) || !Number.isFinite(row[2])) continue
    marks.push({ time: row[0], kind: kinds[row[1]] ?? 'major', durationMs: row[2] })
  }
  return marks
}

/**
 * Starts reporting the target's GCs to `onMarks`; false when the target cannot (no
 * PerformanceObserver, or it is gone). Best effort: the series works without marks.
 */
export async function tryObserveGc(cdp: CdpClient, onMarks: (marks: HeapGcMark[]) => void): Promise<{ installed: boolean; stop(): void }> {
  const off = cdp.on('Runtime.bindingCalled', (event) => {
    if (event.name === gcBindingName) onMarks(parseGcMarks(event.payload))
  })
  const added = await cdp.trySend('Runtime.addBinding', { name: gcBindingName })
  const evaluated = added ? await cdp.trySend('Runtime.evaluate', { expression: installExpression, returnByValue: true, silent: true }) : undefined
  const installed = evaluated?.result.value === true
  if (!installed) off()
  return { installed, stop: off }
}
