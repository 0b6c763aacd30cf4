// Composes the domains into the one object that implements the API contract.
// Every shell (Electron, `spyglass serve`, the CLI) drives this object and nothing else.
import { EventEmitter } from 'node:events'
import {
  isRequestName,
  type ApiEvents,
  type AppInfo,
  type EventName,
  type RequestName,
  type RequestParams,
  type RequestResult,
  type WorkbenchApi
} from '../shared/api'
import { requestParamSchemas } from '../shared/apiSchemas'
import { UserError } from '../shared/userError'
import { ConsoleService } from './console'
import { errorsRecorderStream, ErrorService, readUserPatterns } from './errors'
import { createDebuggerDomain, type DebuggerDomain } from './debugger'
import type { DomainContext, WorkbenchDomain } from './domain'
import { createHeapDomain, type HeapDomain } from './heap/heapDomain'
import { createMetricsDomain, type MetricsDomain } from './metrics'
import { createProfilerDomain, type ProfilerDomain } from './profiler/profilerDomain'
import type { ProfilerService } from './profiler/profilerService'
import { createMemoryRecentSessionsStore, SessionService, type FilePicker, type RecentSessionsStore } from './sessions'
import type { SettingsStore } from './settings'
import { TargetManager, demoCommand } from './targets'

export interface WorkbenchOptions {
  shell: AppInfo['shell'] | 'cli'
  settings: SettingsStore
  appVersion: string
  /** The app data dir: session autosaves, the session library, uploads. */
  dataDir: string
  recentSessions?: RecentSessionsStore
  /** Native file dialogs (the desktop app). */
  pickFile?: FilePicker
}

type Handlers = { [N in RequestName]: (params: RequestParams<N>) => Promise<RequestResult<N>> | RequestResult<N> }

export class Workbench implements WorkbenchApi {
  readonly targets: TargetManager
  readonly console: ConsoleService
  readonly sessions: SessionService
  readonly errors: ErrorService
  readonly profiler: ProfilerService
  readonly profiles: ProfilerDomain
  readonly metrics: MetricsDomain
  readonly heap: HeapDomain
  readonly debugger: DebuggerDomain
  private readonly events = new EventEmitter()
  private readonly handlers: Handlers
  /** Every domain built from DomainContext, for recorder streams and dispose. */
  private readonly domains: Array<WorkbenchDomain<unknown>> = []

  constructor(private readonly options: WorkbenchOptions) {
    this.events.setMaxListeners(0)
    const settings = options.settings
    this.targets = new TargetManager({ settings: () => settings.get() })
    this.console = new ConsoleService({
      budgetBytes: () => settings.get().consoleBudgetBytes,
      sampling: () => settings.get().consoleSampling,
      captureStdio: () => settings.get().captureStdio
    })
    this.targets.onSession((session) => this.console.observe(session))
    this.targets.onChanged((list) => this.emit('targets.changed', list))
    this.targets.onRemoved((targetId) => this.console.forget(targetId))
    this.console.onBatch((batch) => this.emit('console.batch', batch))
    this.errors = new ErrorService({ targets: this.targets, console: this.console, patternsFile: () => settings.get().errorPatternsFile })
    this.errors.onChanged((change) => this.emit('errors.changed', change))
    this.sessions = new SessionService({
      targets: this.targets,
      console: this.console,
      appVersion: options.appVersion,
      dataDir: options.dataDir,
      recent: options.recentSessions ?? createMemoryRecentSessionsStore(),
      pickFile: options.pickFile,
      extraStreams: () => [errorsRecorderStream(this.errors), ...this.domains.flatMap((domain) => domain.recorderStreams?.() ?? [])]
    })
    this.sessions.onChanged((list) => this.emit('sessions.changed', list))
    this.sessions.onProgress((progress) => this.emit('sessions.progress', progress))

    // The domains: each answers its own part of the API contract (see src/main/domain.ts).
    const context: DomainContext = {
      settings,
      targets: this.targets,
      console: this.console,
      sessions: this.sessions,
      dataDir: options.dataDir,
      pickFile: options.pickFile,
      emit: (event, payload) => this.emit(event, payload)
    }
    this.profiles = this.addDomain(createProfilerDomain(context))
    this.profiler = this.profiles.service
    this.metrics = this.addDomain(createMetricsDomain(context))
    this.heap = this.addDomain(createHeapDomain(context))
    this.debugger = this.addDomain(createDebuggerDomain(context))

    this.handlers = {
      'app.info': () => ({
        name: 'Spyglass',
        version: options.appVersion,
        shell: options.shell === 'electron' ? 'electron' : 'web',
        platform: process.platform,
        nodeVersion: process.version
      }),
      'targets.discover': () => this.targets.discover(),
      'targets.list': () => this.targets.list(),
      'targets.attach': (request) => this.targets.attach(request),
      'targets.launchDemo': () => this.targets.attach({ kind: 'launch', command: demoCommand() }),
      'targets.detach': ({ targetId }) => this.targets.detach(targetId),
      'targets.remove': ({ targetId }) => this.targets.remove(targetId),
      'console.query': ({ targetId, filter, offset, limit }) => {
        this.targets.require(targetId)
        return this.console.query(targetId, filter ?? {}, offset ?? 0, limit ?? 1000)
      },
      'console.getProperties': ({ targetId, objectId }) => {
        this.targets.require(targetId)
        return this.console.getProperties(targetId, objectId)
      },
      'console.clear': ({ targetId }) => this.console.clear(targetId),
      'settings.get': () => settings.get(),
      'settings.set': (patch) => {
        const previousPatterns = settings.get().errorPatternsFile
        // A bad pattern file is refused before anything is saved.
        if (patch.errorPatternsFile) readUserPatterns(patch.errorPatternsFile)
        const next = settings.set(patch)
        if (next.errorPatternsFile !== previousPatterns) this.errors.reloadCatalog()
        this.emit('settings.changed', next)
        return next
      },
      'errors.groups': ({ targetId, filter, sort, offset, limit }) => this.errors.groups(targetId, filter ?? {}, sort ?? 'count', offset ?? 0, limit ?? 500),
      'errors.group': ({ targetId, fingerprint }) => this.errors.group(targetId, fingerprint),
      'errors.rate': ({ targetId }) => this.errors.rate(targetId),
      'sessions.list': () => this.sessions.list(),
      'sessions.record': ({ targetId }) => this.sessions.record(targetId),
      'sessions.stop': ({ sessionId }) => this.sessions.stop(sessionId),
      'sessions.save': ({ sessionId, path }) => this.sessions.save(sessionId, path),
      'sessions.open': ({ path }) => this.sessions.open(path),
      'sessions.close': ({ sessionId }) => this.sessions.close(sessionId),
      'sessions.recent': () => this.sessions.recent(),
      'sessions.forgetRecent': ({ file }) => this.sessions.forgetRecent(file),
      'sessions.recoverable': () => this.sessions.recoverable(),
      'sessions.recover': ({ id }) => this.sessions.recover(id),
      'sessions.discard': ({ id }) => this.sessions.discard(id),
      ...this.profiles.handlers,
      ...this.metrics.handlers,
      ...this.heap.handlers,
      ...this.debugger.handlers
    }
  }

  /** The file behind a profile or snapshot the workbench holds, for the browser's downloads. */
  downloadableFile(kind: 'profile' | 'heapsnapshot', id: string): string {
    if (kind === 'profile') return this.profiles.library.fileOf(id)
    return this.heap.library.get(id).file
  }

  private addDomain<D extends WorkbenchDomain<unknown>>(domain: D): D {
    this.domains.push(domain)
    return domain
  }

  /** Typed entry for in-process callers (CLI, tests): params are still validated. */
  async invoke<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResult<N>> {
    return (await this.dispatch(name, params)) as RequestResult<N>
  }

  /** Untyped entry for the wire (IPC, WebSocket): unknown names and bad params become BAD_REQUEST. */
  async dispatch(name: unknown, params: unknown): Promise<unknown> {
    if (!isRequestName(name)) throw new UserError('BAD_REQUEST', `unknown request ${JSON.stringify(name)}`)
    const parsed = requestParamSchemas[name].safeParse(params)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
      throw new UserError('BAD_REQUEST', `bad params for ${name}${where}: ${issue?.message ?? 'invalid'}`)
    }
    const handler = this.handlers[name] as (p: unknown) => unknown
    return await handler(parsed.data)
  }

  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    this.events.on(event, listener)
    return () => this.events.off(event, listener)
  }

  private emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    this.events.emit(event, payload)
  }

  /** Detach from everything and stop the programs this workbench launched. */
  async dispose(): Promise<void> {
    // Recordings stop first: their streams still need the domains that feed them.
    await this.sessions.dispose()
    for (const domain of this.domains) await domain.dispose()
    this.errors.dispose()
    this.console.dispose()
    await this.targets.dispose()
  }
}
