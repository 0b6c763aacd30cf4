import { describe, expect, it } from 'vitest'
import type { AppInfo } from '../../../shared/api'
import { createSessionsStore, type SessionFileTransfer } from './sessionsStore'
import { createTargetsStore } from '../targets/targetsStore'
import { MemoryClient, settle } from '../testing/memoryClient'
import { recentSession, recoverableSession, session, target } from '../testing/fixtures'
import { installSessionEngine, type SessionEngine } from '../testing/sessionEngine'

/** Records what the page asked of the browser's downloads and uploads. */
class FakeTransfer implements SessionFileTransfer {
  downloads: string[] = []
  uploads: string[] = []
  uploadFailure: unknown = null
  /** Holds uploads until the test lets them finish. */
  uploadGate: Promise<void> = Promise.resolve()
  paths = new Map<string, string>()
  async download(sessionId: string): Promise<void> {
    this.downloads.push(sessionId)
  }
  async upload(file: File): Promise<string> {
    this.uploads.push(file.name)
    await this.uploadGate
    if (this.uploadFailure) throw this.uploadFailure
    return `/host/uploads/${file.name}`
  }
  pathOf(file: File): string | null {
    return this.paths.get(file.name) ?? null
  }
}

function setup(shell: AppInfo['shell'], initial: Partial<SessionEngine> = {}) {
  const client = new MemoryClient()
  const engine = installSessionEngine(client, shell, initial)
  const targets = createTargetsStore(client)
  targets.getState().setTargets([target('t1'), target('w1', { parentId: 't1', kind: 'worker' }), target('t2', { attachedAt: 0 })])
  targets.getState().select('t2')
  const files = new FakeTransfer()
  const store = createSessionsStore(client, targets, files)
  client.on('sessions.changed', (list) => store.getState().setSessions(list))
  client.on('sessions.progress', (p) => store.getState().handleProgress(p))
  return { client, engine, targets, files, store }
}

const file = (name: string): File => new File(['PK\u0003\u0004'], name)

describe('sessions store', () => {
  it('loads sessions, recent files, autosaves and the shell', async () => {
    const { store } = setup('web', {
      sessions: [session('s1', { state: 'stopped' })],
      recent: [recentSession('/lib/a.spyglass')],
      recoverable: [recoverableSession('r1')]
    })
    await store.getState().load()
    expect(store.getState()).toMatchObject({ shell: 'web', error: null })
    expect(store.getState().sessions.map((s) => s.id)).toEqual(['s1'])
    expect(store.getState().recent.map((r) => r.file)).toEqual(['/lib/a.spyglass'])
    expect(store.getState().recoverable.map((r) => r.id)).toEqual(['r1'])
  })

  it('records the process of a worker, marks it pending meanwhile, and stops it', async () => {
    const { client, store } = setup('web')
    const recording = store.getState().record('w1')
    expect(store.getState().pending).toEqual({ t1: 'record' })
    await recording
    expect(client.callsOf('sessions.record')).toEqual([{ targetId: 't1' }])
    expect(store.getState().pending).toEqual({})
    const [rec] = store.getState().sessions
    expect(rec).toMatchObject({ state: 'recording', rootTargetId: 't1' })
    await store.getState().stop(rec.id)
    expect(store.getState().sessions[0]).toMatchObject({ id: rec.id, state: 'stopped' })
  })

  it('shows a failed action as one line and clears it on the next', async () => {
    const { client, store } = setup('web')
    client.handlers['sessions.record'] = () => Promise.reject({ code: 'TARGET_EXITED', message: 'the target has exited\nat recorder' })
    await store.getState().record('t1')
    expect(store.getState().error).toBe('Could not start recording: the target has exited')
    await store.getState().stop('nope')
    expect(store.getState().error).toBe('Could not stop recording: no session nope')
    store.getState().dismissError()
    expect(store.getState().error).toBeNull()
  })

  it('saves with the native dialog in the desktop app; a cancelled dialog is no error', async () => {
    const { client, engine, files, store } = setup('electron', { sessions: [session('s1', { state: 'stopped' })] })
    await store.getState().load()
    await store.getState().save('s1')
    expect(client.callsOf('sessions.save')).toEqual([{ sessionId: 's1' }])
    expect(store.getState().sessions[0]).toMatchObject({ saved: true, file: '/home/me/run.spyglass' })
    expect(files.downloads).toEqual([])

    engine.dialog.savePath = null
    const recentReads = client.callsOf('sessions.recent').length
    await store.getState().save('s1')
    expect(store.getState().error).toBeNull()
    expect(client.callsOf('sessions.recent').length).toBe(recentReads)
  })

  it('downloads in the browser, stopping a recording first, then re-reads the recent list', async () => {
    const { client, files, store } = setup('web', { sessions: [session('s1', { rootTargetId: 't2', targetIds: ['t2'] })] })
    await store.getState().load()
    const recentReads = client.callsOf('sessions.recent').length
    await store.getState().saveForTarget('t2')
    expect(client.callsOf('sessions.stop')).toEqual([{ sessionId: 's1' }])
    expect(files.downloads).toEqual(['s1'])
    expect(client.callsOf('sessions.save')).toEqual([])
    expect(client.callsOf('sessions.recent').length).toBe(recentReads + 1)
    expect(store.getState().sessions[0].state).toBe('stopped')
  })

  it('says there is nothing to save when the target has no session', async () => {
    const { files, store } = setup('web')
    await store.getState().saveForTarget('t1')
    expect(store.getState().error).toMatch(/^Nothing to save/)
    expect(files.downloads).toEqual([])
  })

  it('opens with the native dialog in the desktop app and shows the opened session', async () => {
    const { client, targets, store } = setup('electron')
    store.getState().setOpenMenu(true)
    await store.getState().openDialog()
    expect(client.callsOf('sessions.open')).toEqual([{}])
    expect(store.getState().openMenu).toBe(false)
    expect(targets.getState().selectedId).toBe('opened1-t')
    expect(store.getState().recent.map((r) => r.file)).toEqual(['/home/me/old.spyglass'])
  })

  it('asks the page for its file picker in the browser instead', async () => {
    const { client, store } = setup('web')
    await store.getState().openDialog()
    await store.getState().openDialog()
    expect(store.getState().pickRequest).toBe(2)
    expect(client.callsOf('sessions.open')).toEqual([])
  })

  it('uploads a picked file in the browser, then opens it from where the host put it', async () => {
    const { client, files, targets, store } = setup('web')
    let finishUpload = (): void => undefined
    files.uploadGate = new Promise((resolve) => (finishUpload = resolve))
    const opening = store.getState().openFile(file('yesterday.spyglass'))
    await settle()
    expect(store.getState().opening).toEqual({ name: 'yesterday.spyglass', phase: 'upload' })
    finishUpload()
    await opening
    expect(files.uploads).toEqual(['yesterday.spyglass'])
    expect(client.callsOf('sessions.open')).toEqual([{ path: '/host/uploads/yesterday.spyglass' }])
    expect(store.getState().opening).toBeNull()
    expect(targets.getState().selectedId).toBe('opened1-t')
  })

  it('opens a dropped file by its path in the desktop app', async () => {
    const { client, files, store } = setup('electron')
    files.paths.set('dropped.spyglass', '/home/me/Downloads/dropped.spyglass')
    await store.getState().openFile(file('dropped.spyglass'))
    expect(files.uploads).toEqual([])
    expect(client.callsOf('sessions.open')).toEqual([{ path: '/home/me/Downloads/dropped.spyglass' }])
  })

  it('refuses other files and reports upload and open failures as one line', async () => {
    const { client, files, store } = setup('web')
    await store.getState().openFile(file('notes.txt'))
    expect(store.getState().error).toBe('Only .spyglass session files can be opened (not notes.txt)')
    expect(files.uploads).toEqual([])

    files.uploadFailure = { code: 'BAD_REQUEST', message: 'spyglass: the upload is larger than 8 GiB' }
    await store.getState().openFile(file('huge.spyglass'))
    expect(store.getState().error).toBe('Could not open huge.spyglass: spyglass: the upload is larger than 8 GiB')
    expect(store.getState().opening).toBeNull()

    files.uploadFailure = null
    client.handlers['sessions.open'] = () => Promise.reject({ code: 'BAD_REQUEST', message: 'format version 9 is newer than this Spyglass reads (1)' })
    await store.getState().openFile(file('future.spyglass'))
    expect(store.getState().error).toBe('Could not open future.spyglass: format version 9 is newer than this Spyglass reads (1)')
  })

  it('opens and forgets recent files', async () => {
    const { client, store } = setup('web', { recent: [recentSession('/lib/a.spyglass'), recentSession('/lib/b.spyglass')] })
    await store.getState().load()
    await store.getState().openPath('/lib/b.spyglass')
    expect(client.callsOf('sessions.open')).toEqual([{ path: '/lib/b.spyglass' }])
    expect(store.getState().recent.map((r) => r.file)).toEqual(['/lib/b.spyglass', '/lib/a.spyglass'])
    await store.getState().forgetRecent('/lib/a.spyglass')
    expect(store.getState().recent.map((r) => r.file)).toEqual(['/lib/b.spyglass'])
  })

  it('closes an opened session', async () => {
    const { store } = setup('web')
    await store.getState().openPath('/lib/a.spyglass')
    const [opened] = store.getState().sessions
    await store.getState().close(opened.id)
    expect(store.getState().sessions).toEqual([])
  })

  it('recovers an autosave and shows it, or discards it', async () => {
    const { client, targets, store } = setup('web', { recoverable: [recoverableSession('r1'), recoverableSession('r2')] })
    await store.getState().load()
    await store.getState().recover('r1')
    expect(targets.getState().selectedId).toBe('r1-t')
    expect(store.getState().sessions[0]).toMatchObject({ recovered: true, state: 'opened' })
    expect(store.getState().recoverable.map((r) => r.id)).toEqual(['r2'])
    await store.getState().discard('r2')
    expect(client.callsOf('sessions.discard')).toEqual([{ id: 'r2' }])
    expect(store.getState().recoverable).toEqual([])
  })

  it('keeps unfinished progress, updated in place, and drops it when finished', () => {
    const { client, store } = setup('web')
    client.emit('sessions.progress', { operation: 'open', subject: '/a.spyglass', done: 10, total: 100, finished: false })
    client.emit('sessions.progress', { operation: 'save', subject: 's1', done: 0, total: 50, finished: false })
    client.emit('sessions.progress', { operation: 'open', subject: '/a.spyglass', done: 60, total: 100, finished: false })
    expect(store.getState().progress.map((p) => `${p.operation}:${p.done}`)).toEqual(['open:60', 'save:0'])
    client.emit('sessions.progress', { operation: 'open', subject: '/a.spyglass', done: 100, total: 100, finished: true })
    expect(store.getState().progress.map((p) => p.operation)).toEqual(['save'])
  })
})
