// Announces targets (including worker threads) and owns their lifecycle; domains attach to each
// announced connection (DevTools' TargetManager.observeModels). How a target is reached the first
// time is up to one attach strategy per kind (attachBy*.ts, launchCommand.ts); everything after (connect, workers,
// reconnect, exit, detach) happens here.
import { EventEmitter } from 'node:events'
import type { Settings } from '../../shared/settingsTypes'
import type { AttachRequest, LocalNodeProcess, TargetExit, TargetInfo } from '../../shared/targetTypes'
import { UserError } from '../../shared/userError'
import { attachByPid } from './attachByPid'
import { attachByPort } from './attachByPort'
import { attachByWsUrl } from './attachByWsUrl'
import type { AttachHost, NewTargetFields } from './attachHost'
import { launchCommand, resumeFromBreakOnStart } from './launchCommand'
import { CdpClient } from './cdp/connection'
import { connectWebSocket } from './cdp/transport'
import { workerTransport } from './cdp/workerTransport'
import { tryFirstInspectorTarget, tryInspectorNodeVersion } from './inspectorHttp'
import { stopProcess, type LaunchedProcess } from './launcher'
import type { ManagedTarget, TargetConnection } from './managedTarget'
import { isAlive } from './pidInspector'
import { discoverNodeProcesses } from './discovery'
import { describedCommand, tryDescribeTarget, type DescribedTarget } from './targetDescription'
import { waitFor } from './waitFor'

export interface TargetManagerOptions {
  settings: () => Settings
  /** How long to look for a target that went away on its inspector port. */
  reconnectWindowMs?: number
}

/** How long a finished target is held for work on its exit (collecting a profile). */
const finishLimitMs = 10_000

type ManagerEvents = { changed: [TargetInfo[]]; connection: [TargetConnection]; removed: [string] }

export class TargetManager {
  private readonly targets = new Map<string, ManagedTarget>()
  private readonly events = new EventEmitter<ManagerEvents>()
  private readonly finishers: Array<(targetId: string, cdp: CdpClient) => Promise<void>> = []
  private nextId = 1
  /** What the attach strategies may do with the records; the lifecycle stays here. */
  private readonly attachHost: AttachHost = {
    create: (fields) => this.create(fields),
    connectOrDrop: (target, url) => this.connectOrDrop(target, url),
    drop: (target) => {
      this.targets.delete(target.info.id)
      this.changed()
    },
    fail: (target, error) => this.fail(target, error),
    exited: (target, exit) => this.exited(target, exit)
  }

  constructor(private readonly options: TargetManagerOptions) {
    this.events.setMaxListeners(0)
  }

  onChanged(listener: (list: TargetInfo[]) => void): () => void {
    this.events.on('changed', listener)
    return () => this.events.off('changed', listener)
  }
  /** Every new connection to a target, workers and reconnects included. */
  onConnection(listener: (connection: TargetConnection) => void): () => void {
    this.events.on('connection', listener)
    return () => this.events.off('connection', listener)
  }
  onRemoved(listener: (targetId: string) => void): () => void {
    this.events.on('removed', listener)
    return () => this.events.off('removed', listener)
  }

  /**
   * Work to do on a target that has finished its program but is held by the inspector until we
   * let go (a profile to collect). Each runs with a time limit, so that a target never hangs.
   */
  onFinishing(listener: (targetId: string, cdp: CdpClient) => Promise<void>): void {
    this.finishers.push(listener)
  }

  private async finish(targetId: string, cdp: CdpClient): Promise<void> {
    await Promise.all(
      this.finishers.map((finisher) =>
        Promise.race([
          finisher(targetId, cdp).catch((error: Error) => {
            process.stderr.write(`spyglass: work on exit of ${targetId} failed: ${error.message}\n`)
          }),
          new Promise<void>((resolve) => setTimeout(resolve, finishLimitMs).unref())
        ])
      )
    )
  }

  list(): TargetInfo[] {
    return [...this.targets.values()].map((t) => ({ ...t.info }))
  }

  get(targetId: string): TargetInfo | null {
    const target = this.targets.get(targetId)
    return target ? { ...target.info } : null
  }

  /** The top of a target's tree (the process a worker belongs to); null for an unknown target. */
  rootInfoOf(targetId: string): TargetInfo | null {
    const target = this.targets.get(targetId)
    return target ? { ...this.rootOf(target).info } : null
  }

  require(targetId: string): ManagedTarget {
    const target = this.targets.get(targetId)
    if (!target) throw new UserError('UNKNOWN_TARGET', `no target ${targetId}`)
    return target
  }

  discover(): Promise<LocalNodeProcess[]> {
    return discoverNodeProcesses()
  }

  async attach(request: AttachRequest): Promise<TargetInfo> {
    switch (request.kind) {
      case 'launch':
        return launchCommand(this.attachHost, request)
      case 'port':
        return attachByPort(this.attachHost, request)
      case 'ws':
        return attachByWsUrl(this.attachHost, request)
      case 'pid':
        return attachByPid(this.attachHost, request)
    }
  }

  async detach(targetId: string): Promise<void> {
    const target = this.require(targetId)
    this.end(target, 'detached')
    this.changed()
  }

  async remove(targetId: string): Promise<void> {
    const target = this.require(targetId)
    for (const child of this.childrenOf(targetId)) await this.remove(child.info.id)
    this.end(target, 'detached')
    this.targets.delete(targetId)
    this.events.emit('removed', targetId)
    this.changed()
  }

  /**
   * Adds read-only copies of targets from an opened session: listed like any other target so
   * that every view shows them, never connected. Remove them with `remove`.
   */
  addRecorded(infos: readonly TargetInfo[]): void {
    for (const info of infos) {
      if (this.targets.has(info.id)) throw new UserError('BAD_REQUEST', `target ${info.id} exists already`)
      const record: ManagedTarget = { info: { ...info, state: 'recorded', wsUrl: null }, cdp: null, launched: null, endpoint: null, ending: true, exiting: false, workers: new Map() }
      this.targets.set(info.id, record)
    }
    this.changed()
  }

  /** Detach from everything and stop what this manager launched. */
  async dispose(): Promise<void> {
    const launched: LaunchedProcess[] = []
    for (const target of this.targets.values()) {
      this.end(target, 'detached')
      if (target.launched) launched.push(target.launched)
    }
    await Promise.all(launched.map((p) => stopProcess(p)))
  }

  /** A launched program ended: it and the children it started show it, whatever their connection did. */
  private exited(target: ManagedTarget, exit: TargetExit): void {
    target.info.exit = exit
    if (target.info.state !== 'detached' || !target.ending) target.info.state = 'exited'
    for (const child of this.childrenOf(target.info.id)) if (child.info.state !== 'detached') child.info.state = 'exited'
    this.changed()
  }

  private create(fields: NewTargetFields): ManagedTarget {
    const id = `t${this.nextId++}`
    const info: TargetInfo = {
      id,
      parentId: null,
      pid: null,
      wsUrl: null,
      state: 'attaching',
      exit: null,
      nodeVersion: null,
      platform: null,
      cwd: null,
      attachedAt: Date.now(),
      lastError: null,
      sessionId: null,
      ...fields
    }
    const target: ManagedTarget = { info, cdp: null, launched: null, endpoint: null, ending: false, exiting: false, workers: new Map() }
    this.targets.set(id, target)
    this.changed()
    return target
  }

  /** Connects; on failure the half-made target is dropped and the error goes to the caller. */
  private async connectOrDrop(target: ManagedTarget, url: string): Promise<TargetInfo> {
    try {
      await this.connect(target, url)
      return { ...target.info }
    } catch (error) {
      this.targets.delete(target.info.id)
      this.changed()
      if (target.launched) await stopProcess(target.launched)
      throw error
    }
  }

  private async connect(target: ManagedTarget, url: string): Promise<void> {
    const transport = await connectWebSocket(url)
    const cdp = new CdpClient(transport)
    // A program held by --inspect-brk cannot describe itself until it runs (see below).
    const held = target.launched?.waitsForDebugger === true && target.info.state === 'attaching'
    const described = held ? null : await tryDescribeTarget(cdp)
    if (!described && !target.launched) {
      cdp.close()
      if (target.info.pid !== null && !isAlive(target.info.pid)) throw new UserError('TARGET_EXITED', `PID ${target.info.pid} exited while it was being attached`)
      throw new UserError('NOT_AN_INSPECTOR', `${url} did not answer like a Node process`)
    }
    if (target.ending) {
      cdp.close()
      return
    }
    target.cdp = cdp
    Object.assign(target.info, { wsUrl: url, state: 'attached', lastError: null })
    this.applyDescription(target, described)
    this.watchWorkers(target, cdp)
    cdp.onClose((reason) => this.handleClose(target, cdp, reason))
    // A program that ends while a debugger is attached waits for it to disconnect: what still
    // needs the target (a running profile) is collected first, then it may exit.
    // The protocol's notification was seen to go missing (a program that dies at once, under
    // load), which left it waiting forever: a launched program's stderr says the same thing.
    let lettingGo = false
    const letGo = (): void => {
      if (lettingGo || target.cdp !== cdp) return
      lettingGo = true
      target.exiting = true
      void this.finish(target.info.id, cdp).finally(() => cdp.close())
    }
    cdp.on('NodeRuntime.waitingForDisconnect', letGo)
    const launched = target.info.parentId === null ? target.launched : null
    if (launched) {
      launched.inspectorUrls.on('waitingForDisconnect', letGo)
      cdp.onClose(() => launched.inspectorUrls.off('waitingForDisconnect', letGo))
    }
    // Requests are answered in order, so they are sent together rather than one round trip each
    // (a program held at start answers slowly).
    const setup = Promise.all([
      cdp.trySend('NodeRuntime.enable'),
      cdp.trySend('NodeRuntime.notifyWhenWaitingForDisconnect', { enabled: true }),
      cdp.trySend('NodeWorker.enable', { waitForDebuggerOnStart: true })
    ])
    const stdio = target.launched && !target.launched.stdio.draining && target.info.parentId === null ? target.launched.stdio : null
    this.events.emit('connection', { targetId: target.info.id, rootId: this.rootOf(target).info.id, cdp, stdio })
    await setup
    if (held) {
      // Everything but the version is known for a program we launched; asking the target itself
      // (Runtime.evaluate) is slow once the Debugger domain is on, the inspector's HTTP side is not.
      const where = new URL(url)
      const [nodeVersion] = await Promise.all([tryInspectorNodeVersion(where.hostname, Number(where.port)), resumeFromBreakOnStart(cdp)])
      Object.assign(target.info, { nodeVersion, platform: process.platform })
    }
    this.changed()
  }

  private applyDescription(target: ManagedTarget, described: DescribedTarget | null): void {
    if (!described) return
    Object.assign(target.info, { pid: described.pid, nodeVersion: described.version, platform: described.platform, cwd: described.cwd })
    if (target.info.kind !== 'launch') target.info.command = describedCommand(described)
    if (target.info.kind === 'port' || target.info.kind === 'ws') target.info.title = describedCommand(described)
  }

  private rootOf(target: ManagedTarget): ManagedTarget {
    let current = target
    while (current.info.parentId) {
      const parent = this.targets.get(current.info.parentId)
      if (!parent) break
      current = parent
    }
    return current
  }

  private watchWorkers(parent: ManagedTarget, parentCdp: CdpClient): void {
    parentCdp.on('NodeWorker.attachedToWorker', ({ sessionId, workerInfo, waitingForDebugger }) => {
      const child = this.create({
        kind: 'worker',
        parentId: parent.info.id,
        title: workerInfo.title || `worker ${workerInfo.workerId}`,
        command: workerInfo.url,
        pid: parent.info.pid
      })
      Object.assign(child.info, { nodeVersion: parent.info.nodeVersion, platform: parent.info.platform, cwd: parent.info.cwd, state: 'attached' })
      parent.workers.set(sessionId, child.info.id)
      const cdp = new CdpClient(workerTransport(parentCdp, sessionId))
      child.cdp = cdp
      cdp.onClose(() => {
        if (!child.ending) child.info.state = 'exited'
        parent.workers.delete(sessionId)
        this.changed()
      })
      this.events.emit('connection', { targetId: child.info.id, rootId: this.rootOf(child).info.id, cdp, stdio: null })
      this.watchWorkers(child, cdp)
      void cdp.trySend('NodeWorker.enable', { waitForDebuggerOnStart: true })
      if (waitingForDebugger) void cdp.trySend('Runtime.runIfWaitingForDebugger')
      this.changed()
    })
  }

  private handleClose(target: ManagedTarget, cdp: CdpClient, reason: string): void {
    if (target.cdp !== cdp) return
    target.cdp = null
    if (target.ending) return
    if (target.launched) {
      // The exit handler sets the final state with the exit code; until then the socket is just gone.
      if (target.info.state !== 'exited' && !target.exiting) target.info.state = 'detached'
      this.changed()
      return
    }
    if (target.exiting && target.info.pid !== null) {
      target.info.state = 'exited'
      target.info.exit = { code: null, signal: null }
    }
    if (target.info.state === 'exited') {
      // Known to be finishing (waitingForDisconnect); a restart on the same port is still picked up.
    } else if (target.info.pid !== null && !isAlive(target.info.pid)) {
      target.info.state = 'exited'
      target.info.exit = { code: null, signal: null }
    } else {
      target.info.state = 'reconnecting'
    }
    if (!target.exiting) target.info.lastError = `inspector connection lost (${reason})`
    this.changed()
    if (target.endpoint && this.options.settings().autoReconnect) void this.reconnect(target)
    else if (target.info.state === 'reconnecting') target.info.state = 'detached'
  }

  /** A target that restarts on the same port gets a new inspector UUID; find it and carry on. */
  private async reconnect(target: ManagedTarget): Promise<void> {
    const { host, port } = target.endpoint!
    const previousUrl = target.info.wsUrl
    const found = await waitFor(async () => {
      if (target.ending || !this.targets.has(target.info.id)) return 'stop' as const
      if (target.info.state === 'reconnecting' && target.info.pid !== null && !isAlive(target.info.pid)) {
        // Gone for good unless something restarts on the same port; show the exit meanwhile.
        target.info.state = 'exited'
        target.info.exit = { code: null, signal: null }
        this.changed()
      }
      const listed = await tryFirstInspectorTarget(host, port, 300)
      // The old URL may linger for a moment while the old process shuts down.
      return listed && listed.webSocketDebuggerUrl !== previousUrl ? listed : null
    }, this.options.reconnectWindowMs ?? 60_000, 250)
    if (found === 'stop') return
    if (!found) {
      if (target.info.state === 'reconnecting') target.info.state = 'detached'
      target.info.lastError = `the inspector at ${host}:${port} did not come back`
      this.changed()
      return
    }
    try {
      target.info.exit = null
      target.exiting = false
      await this.connect(target, found.webSocketDebuggerUrl)
    } catch (error) {
      this.fail(target, error as Error)
    }
  }

  private fail(target: ManagedTarget, error: Error): void {
    target.info.state = 'detached'
    target.info.lastError = error.message.split('\n')[0]
    this.changed()
  }

  private end(target: ManagedTarget, state: 'detached'): void {
    target.ending = true
    for (const childId of target.workers.values()) {
      const child = this.targets.get(childId)
      if (child) this.end(child, state)
    }
    target.cdp?.close()
    target.cdp = null
    if (target.info.state !== 'exited' && target.info.state !== 'recorded') target.info.state = state
  }

  private childrenOf(targetId: string): ManagedTarget[] {
    return [...this.targets.values()].filter((t) => t.info.parentId === targetId)
  }

  private changed(): void {
    this.events.emit('changed', this.list())
  }
}
