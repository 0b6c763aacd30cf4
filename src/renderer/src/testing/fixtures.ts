import type { ConsoleEvent, ConsoleLevel, ConsoleStats } from '../../../shared/consoleTypes'
import type { ErrorGroupDetail, ErrorGroupSummary, ErrorRateSeries, ErrorSeverity } from '../../../shared/errorTypes'
import type { RecentSession, RecoverableSession, SessionInfo } from '../../../shared/sessionTypes'
import type { TargetInfo } from '../../../shared/targetTypes'

export function event(seq: number, level: ConsoleLevel = 'log', text = `message ${seq}`, targetId = 't1'): ConsoleEvent {
  return { seq, targetId, time: 1_700_000_000_000 + seq, level, source: 'console', text, args: [{ type: 'string', text }] }
}

export function events(from: number, to: number, targetId = 't1'): ConsoleEvent[] {
  const out: ConsoleEvent[] = []
  for (let seq = from; seq < to; seq++) out.push(event(seq, 'log', `message ${seq}`, targetId))
  return out
}

export function stats(stored: number, dropped = 0): ConsoleStats {
  return { stored, storedBytes: stored * 100, budgetBytes: 64 * 1024 * 1024, dropped, received: stored + dropped, sampledOut: 0, collapsed: 0 }
}

export function target(id: string, patch: Partial<TargetInfo> = {}): TargetInfo {
  return {
    id,
    parentId: null,
    kind: 'launch',
    title: `node ${id}.js`,
    pid: 1000,
    command: `node ${id}.js`,
    wsUrl: 'ws://127.0.0.1:9229/x',
    state: 'attached',
    exit: null,
    nodeVersion: 'v22.0.0',
    platform: 'linux',
    cwd: '/tmp',
    attachedAt: 1,
    lastError: null,
    sessionId: null,
    ...patch
  }
}

export function session(id: string, patch: Partial<SessionInfo> = {}): SessionInfo {
  const rootTargetId = patch.rootTargetId ?? 't1'
  return {
    id,
    state: 'recording',
    title: `node ${rootTargetId}.js`,
    file: null,
    saved: false,
    recovered: false,
    rootTargetId,
    targetIds: [rootTargetId],
    target: {
      id: rootTargetId,
      parentId: null,
      kind: 'launch',
      title: `node ${rootTargetId}.js`,
      pid: 1000,
      command: `node ${rootTargetId}.js`,
      nodeVersion: 'v22.0.0',
      platform: 'linux',
      cwd: '/tmp',
      attachedAt: 1,
      exit: null,
      lastError: null
    },
    startedAt: 1_700_000_000_000,
    endedAt: null,
    counts: { events: 0, byLevel: { debug: 0, log: 0, info: 0, warn: 0, error: 0 }, dropped: 0 },
    artifacts: [],
    ...patch
  }
}

export function recentSession(file: string, patch: Partial<RecentSession> = {}): RecentSession {
  return { file, title: 'node app.js', openedAt: 1_700_000_100_000, startedAt: 1_700_000_000_000, endedAt: 1_700_000_065_000, events: 42, ...patch }
}

export function recoverableSession(id: string, patch: Partial<RecoverableSession> = {}): RecoverableSession {
  return { id, title: 'node crashed.js', startedAt: 1_700_000_000_000, lastCapturedAt: 1_700_000_030_000, events: 17, finished: false, ...patch }
}

export function errorGroup(fingerprint: string, patch: Partial<ErrorGroupSummary> = {}): ErrorGroupSummary {
  return {
    fingerprint,
    patternId: null,
    category: 'unknown',
    severity: 'medium',
    title: 'Error',
    hint: 'No known pattern matches this error.',
    docs: null,
    type: 'Error',
    code: null,
    message: `problem ${fingerprint}`,
    count: 1,
    firstSeen: 1_700_000_000_000,
    lastSeen: 1_700_000_000_000,
    topFrame: { functionName: 'handler', url: 'file:///app/src/handler.js', line: 10, column: 5 },
    sources: ['exception'],
    rate: [1],
    bucketMs: 1000,
    targetIds: ['t1'],
    ...patch
  }
}

export function errorDetail(summary: ErrorGroupSummary, patch: Partial<ErrorGroupDetail> = {}): ErrorGroupDetail {
  return { ...summary, basis: `${summary.type} | handler@src/handler.js`, samples: [], messages: [{ message: summary.message, count: summary.count }], otherMessages: 0, ...patch }
}

export function rateSeries(counts: Partial<Record<ErrorSeverity, number[]>> = {}, start = 1_700_000_000_000, bucketMs = 1000): ErrorRateSeries {
  return { start, bucketMs, counts: { critical: [], high: [], medium: [], low: [], ...counts } }
}
