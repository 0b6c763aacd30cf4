import { describe, expect, it } from 'vitest'
import { dispositionFileName } from '../api/sessionFiles'
import { fileName, formatDuration, needsSaving, formatWhen, progressFraction, progressLabel, rootTargetId, sessionDuration, sessionOfTarget } from './sessionFacts'
import { session, target } from '../testing/fixtures'

describe('session facts', () => {
  it('finds the session a target shows: opened copy, recording, else newest stopped', () => {
    const sessions = [
      session('old', { state: 'stopped', startedAt: 1 }),
      session('new', { state: 'stopped', startedAt: 5 }),
      session('opened', { state: 'opened', rootTargetId: 'copy', targetIds: ['copy', 'copy-w'] }),
      session('rec', { rootTargetId: 't2', targetIds: ['t2', 'w2'] })
    ]
    expect(sessionOfTarget(sessions, target('t1'))?.id).toBe('new')
    expect(sessionOfTarget(sessions, target('w2', { parentId: 't2' }))?.id).toBe('rec')
    expect(sessionOfTarget(sessions, target('copy-w', { state: 'recorded', sessionId: 'opened' }))?.id).toBe('opened')
    expect(sessionOfTarget(sessions, target('gone', { state: 'recorded', sessionId: 'closed' }))).toBeNull()
    expect(sessionOfTarget(sessions, target('t9'))).toBeNull()
    expect(sessionOfTarget(sessions, null)).toBeNull()
  })

  it('knows which sessions have no copy but their autosave', () => {
    expect(needsSaving(session('a', { state: 'stopped' }))).toBe(true)
    expect(needsSaving(session('b', { state: 'stopped', saved: true, file: '/x.spyglass' }))).toBe(false)
    expect(needsSaving(session('c', { state: 'opened', recovered: true }))).toBe(true)
    expect(needsSaving(session('d', { state: 'opened', saved: true, file: '/y.spyglass' }))).toBe(false)
    expect(needsSaving(session('e'))).toBe(false)
  })

  it('finds the process of a worker', () => {
    const targets = [target('p'), target('w', { parentId: 'p' }), target('ww', { parentId: 'w' }), target('orphan', { parentId: 'gone' })]
    expect(rootTargetId(targets, 'ww')).toBe('p')
    expect(rootTargetId(targets, 'p')).toBe('p')
    expect(rootTargetId(targets, 'orphan')).toBe('orphan')
    expect(rootTargetId(targets, 'unknown')).toBe('unknown')
  })

  it('formats durations, live and ended', () => {
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(7_900)).toBe('0:07')
    expect(formatDuration(750_000)).toBe('12:30')
    expect(formatDuration(3_723_000)).toBe('1:02:03')
    expect(sessionDuration({ startedAt: 1000, endedAt: null }, 66_000)).toBe(65_000)
    expect(sessionDuration({ startedAt: 1000, endedAt: 3000 }, 66_000)).toBe(2000)
  })

  it('formats dates relative to today', () => {
    const now = new Date(2024, 2, 10, 15, 0).getTime()
    expect(formatWhen(new Date(2024, 2, 10, 9, 5).getTime(), now)).toBe('today 09:05')
    expect(formatWhen(new Date(2024, 2, 9, 23, 59).getTime(), now)).toBe('yesterday 23:59')
    expect(formatWhen(new Date(2024, 0, 3, 14, 3).getTime(), now)).toBe('Jan 3 14:03')
    expect(formatWhen(new Date(2023, 11, 31, 8, 0).getTime(), now)).toBe('Dec 31 2023 08:00')
  })

  it('names files and progress', () => {
    expect(fileName('/home/me/run 1.spyglass')).toBe('run 1.spyglass')
    expect(fileName('C:\\Users\\me\\run.spyglass')).toBe('run.spyglass')
    const sessions = [session('s1', { title: 'node api.js' })]
    expect(progressLabel({ operation: 'save', subject: 's1', done: 1, total: 2, finished: false }, sessions)).toBe('Saving node api.js')
    expect(progressLabel({ operation: 'open', subject: '/x/y.spyglass', done: 1, total: 2, finished: false }, sessions)).toBe('Opening y.spyglass')
    expect(progressFraction({ done: 5, total: 20 })).toBe(0.25)
    expect(progressFraction({ done: 5, total: 0 })).toBeNull()
  })

  it('reads the file name of a download', () => {
    expect(dispositionFileName(`attachment; filename="d_mo.spyglass"; filename*=UTF-8''d%C3%A9mo.spyglass`)).toBe('démo.spyglass')
    expect(dispositionFileName('attachment; filename="plain.spyglass"')).toBe('plain.spyglass')
    expect(dispositionFileName(null)).toBeNull()
  })
})
