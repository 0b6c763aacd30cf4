import type { ConsoleEvent, ConsoleLevel, ConsoleStats } from '../../../shared/consoleTypes'
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
  return { stored, storedBytes: stored * 100, budgetBytes: 64 * 1024 * 1024, dropped, received: stored + dropped }
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
    ...patch
  }
}
