// The debugger side of an opened session (read-only targets): where its targets stopped, what its
// logpoints printed, its breakpoints with their hits in the recording, and the text of the files
// it stopped in, all read back from the session's debugger stream once per session.
import type { Breakpoint, DebuggerHistory, DebuggerHistoryEntry, DebugSource, SourceText } from '../../shared/debuggerTypes'
import { UserError } from '../../shared/userError'
import { originalTargetIdOf, type OpenRecordedOptions, type SessionService, type SessionSource } from '../sessions'
import type { TargetManager } from '../targets'
import { readDebuggerRecords } from './debuggerRecords'
import { sourceGroupOf, sourceNameOf } from './sourceGroups'

export interface RecordedStream {
  entries: DebuggerHistoryEntry[]
  breakpoints: Breakpoint[]
  /** By url: the text (kept once per recording, from the first target that stopped in it). */
  texts: Map<string, { text: string; language: SourceText['language'] }>
  skipped: number
}

export class RecordedDebugger {
  /** Per opened session; dropped when the session closes. */
  private readonly read = new Map<string, Promise<RecordedStream>>()
  private readonly off: () => void

  constructor(
    private readonly targets: TargetManager,
    private readonly sessions: SessionService
  ) {
    this.off = sessions.onClosed((sessionId) => this.read.delete(sessionId))
  }

  /** Whether a target is a read-only copy from an opened session. */
  isRecorded(targetId: string): boolean {
    return this.targets.get(targetId)?.state === 'recorded'
  }

  async history(targetId: string): Promise<DebuggerHistory> {
    const stream = await this.streamOf(targetId)
    return {
      targetId,
      entries: stream.entries.filter((e) => e.targetId === targetId),
      breakpoints: await this.breakpoints(targetId),
      sources: await this.sources(targetId),
      skipped: stream.skipped
    }
  }

  async breakpoints(targetId: string): Promise<Breakpoint[]> {
    const stream = await this.streamOf(targetId)
    const rootId = this.targets.rootInfoOf(targetId)?.id ?? targetId
    return stream.breakpoints.filter((bp) => bp.rootId === rootId)
  }

  /** The files of this target whose text the recording holds. */
  async sources(targetId: string, search?: string): Promise<DebugSource[]> {
    const stream = await this.streamOf(targetId)
    const cwd = this.targets.get(targetId)?.cwd ?? null
    const needle = search?.trim().toLowerCase()
    const list: DebugSource[] = []
    // A file is this target's when it stopped or logged in it.
    const own = new Set(stream.entries.flatMap((e) => (e.targetId === targetId && e.location ? [e.location.url] : [])))
    for (const [url, file] of stream.texts) {
      if (!own.has(url)) continue
      const name = sourceNameOf(url, cwd)
      if (needle && !name.toLowerCase().includes(needle) && !url.toLowerCase().includes(needle)) continue
      list.push({ url, name, group: sourceGroupOf(url), kind: file.language === 'typescript' ? 'original' : 'script', scriptIds: [], generatedUrl: null, originals: [], targetId })
    }
    return list.sort((a, b) => a.name.localeCompare(b.name))
  }

  async sourceText(targetId: string, url: string | undefined): Promise<SourceText> {
    if (url === undefined) throw new UserError('BAD_REQUEST', 'a recorded session keeps files by url: give url')
    const file = (await this.streamOf(targetId)).texts.get(url)
    if (!file) throw new UserError('BAD_REQUEST', `the recording holds no text of ${url}`)
    return { url, text: file.text, language: file.language, kind: file.language === 'typescript' ? 'original' : 'script' }
  }

  dispose(): void {
    this.off()
  }

  private streamOf(targetId: string): Promise<RecordedStream> {
    const info = this.targets.require(targetId).info
    if (info.state !== 'recorded' || !info.sessionId) throw new UserError('BAD_REQUEST', `target ${targetId} is not from an opened session`)
    const sessionId = info.sessionId
    let read = this.read.get(sessionId)
    if (!read) {
      read = this.readStream(sessionId)
      this.read.set(sessionId, read)
      read.catch(() => this.read.delete(sessionId))
    }
    return read
  }

  private async readStream(sessionId: string): Promise<RecordedStream> {
    // Records name the targets as they were while recording; the opened copies have ids of their own.
    const ids = new Map(this.sessions.get(sessionId).targetIds.map((id) => [originalTargetIdOf(id), id]))
    const source = await this.sessions.openSessionSource(sessionId)
    try {
      return await readRecordedDebugger(source, { targetIdOf: (recorded) => ids.get(recorded) ?? recorded })
    } finally {
      await source.close()
    }
  }
}

/** What an opened session's debugger stream holds, with targets named by their ids in the opened session. */
export async function readRecordedDebugger(source: SessionSource, options: OpenRecordedOptions): Promise<RecordedStream> {
  const idOf = options.targetIdOf
  const stream: RecordedStream = { entries: [], breakpoints: [], texts: new Map(), skipped: 0 }
  const breakpoints = new Map<string, Breakpoint>()
  const hits = new Map<string, number>()
  const hit = (id: string): void => void hits.set(id, (hits.get(id) ?? 0) + 1)
  for await (const record of readDebuggerRecords(source, () => stream.skipped++)) {
    switch (record.type) {
      case 'pause':
        stream.entries.push({
          kind: 'pause',
          time: record.time,
          targetId: idOf(record.targetId),
          reason: record.reason,
          description: record.description,
          location: record.location,
          functionName: record.functionName ?? null,
          breakpointIds: record.breakpointIds
        })
        for (const id of new Set(record.breakpointIds)) hit(id)
        break
      case 'logpoint':
        stream.entries.push({ kind: 'logpoint', time: record.time, targetId: idOf(record.targetId), breakpointId: record.breakpointId, text: record.text, location: record.location })
        hit(record.breakpointId)
        break
      case 'breakpoint': {
        const bp = record.breakpoint
        // The last record of a breakpoint is how it was left.
        breakpoints.set(bp.id, { ...bp, rootId: idOf(bp.rootId), locations: bp.locations.map((l) => ({ ...l, targetId: idOf(l.targetId) })) })
        break
      }
      case 'source':
        stream.texts.set(record.url, { text: record.text, language: record.language })
        break
      case 'resume':
        break
    }
  }
  stream.breakpoints = [...breakpoints.values()].map((bp) => ({ ...bp, hits: hits.get(bp.id) ?? 0 }))
  return stream
}
