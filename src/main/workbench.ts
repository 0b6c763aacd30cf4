// The workbench: the list of domains and the wiring between them, as one object that implements
// the API contract. Every shell (Electron, `spyglass serve`, the CLI) drives this object and
// nothing else. Each domain (src/main/<name>/) answers its own requests; here they are only
// built in dependency order, handed the domains they need, and merged.
import { EventEmitter } from 'node:events'
import {
  isRequestName,
  requestParamSchemas,
  type ApiEvents,
  type AppInfo,
  type EventName,
  type ParsedParams,
  type RequestName,
  type RequestParams,
  type RequestResult,
  type WorkbenchApi
} from '../shared/api'
import { UserError } from '../shared/userError'
import { createConsoleDomain, type ConsoleService } from './console'
import { createDebuggerDomain, type DebuggerDomain } from './debugger'
import type { DomainContext, RequestsOf, WorkbenchDomain } from './domain'
import { createErrorsDomain, type ErrorService } from './errors'
import { createHeapDomain, type HeapDomain } from './heap'
import { createMetricsDomain, type MetricsDomain } from './metrics'
import { createProfilerDomain, type ProfilerDomain, type ProfilerService } from './profiler'
import { createMemoryRecentSessionsStore, createSessionsDomain, type FilePicker, type RecentSessionsStore, type SessionService } from './sessions'
import { createSettingsDomain, type SettingsStore } from './settings'
import { SourceMapService } from './sourcemaps'
import { createTargetsDomain, type TargetManager } from './targets'

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

type Handlers = { [N in RequestName]: (params: ParsedParams<N>) => Promise<RequestResult<N>> | RequestResult<N> }

/** `app.*`: what the page asks about the shell it runs in. */
function createAppDomain(options: WorkbenchOptions): WorkbenchDomain<RequestsOf<'app'>> {
  return {
    name: 'app',
    handlers: {
      'app.info': () => ({
        name: 'Spyglass',
        version: options.appVersion,
        shell: options.shell === 'electron' ? 'electron' : 'web',
        platform: process.platform,
        nodeVersion: process.version
      })
    },
    dispose: () => undefined
  }
}

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
  /** The one source-map service of this workbench (every domain's maps, one cache). */
  readonly sourceMaps = new SourceMapService()
  private readonly events = new EventEmitter()
  private readonly handlers: Handlers
  /** The workbench's own subscriptions (opened/closed sessions to the domains). */
  private readonly unsubscribes: Array<() => void> = []
  /** Every domain, in the order they were built (each after the ones it depends on). */
  readonly domains: ReadonlyArray<WorkbenchDomain<unknown>>

  constructor(options: WorkbenchOptions) {
    this.events.setMaxListeners(0)
    const context: DomainContext = { dataDir: options.dataDir, pickFile: options.pickFile, sourceMaps: this.sourceMaps, emit: (event, payload) => this.emit(event, payload) }
    const domains: Array<WorkbenchDomain<unknown>> = []
    const add = <D extends Pick<WorkbenchDomain<unknown>, 'name' | 'dispose'>>(domain: D): D => {
      domains.push(domain as unknown as WorkbenchDomain<unknown>)
      return domain
    }

    // The domains, each built after the ones it depends on.
    add(createAppDomain(options))
    const settings = add(createSettingsDomain(context, { store: options.settings }))
    const targets = add(createTargetsDomain(context, { settings: options.settings }))
    const console = add(createConsoleDomain(context, { settings: options.settings, targets: targets.manager }))
    const errors = add(createErrorsDomain(context, { settings, targets: targets.manager, console: console.service }))
    const sessions = add(
      createSessionsDomain(context, {
        targets: targets.manager,
        events: console.service,
        appVersion: options.appVersion,
        recent: options.recentSessions ?? createMemoryRecentSessionsStore(),
        // Every domain's streams, for each new recording.
        streams: () => domains.flatMap((domain) => domain.recorderStreams?.() ?? [])
      })
    )
    const services = { ...context, settings: options.settings, targets: targets.manager, sessions: sessions.service }
    this.profiles = add(createProfilerDomain(services))
    this.heap = add(createHeapDomain(services))
    this.metrics = add(createMetricsDomain(services))
    this.debugger = add(createDebuggerDomain(services))
    this.domains = domains

    // Opened sessions are shown by every domain that recorded something into them.
    for (const domain of domains) {
      const { sessionOpened, sessionClosed } = domain
      if (sessionOpened) this.unsubscribes.push(sessions.service.onOpened((info) => void Promise.resolve(sessionOpened.call(domain, info)).catch((error: Error) => this.reportDomainFailure(domain, error))))
      if (sessionClosed) this.unsubscribes.push(sessions.service.onClosed((id) => void Promise.resolve(sessionClosed.call(domain, id)).catch((error: Error) => this.reportDomainFailure(domain, error))))
    }

    this.targets = targets.manager
    this.console = console.service
    this.errors = errors.service
    this.sessions = sessions.service
    this.profiler = this.profiles.service
    this.handlers = Object.assign({}, ...domains.map((d) => d.handlers)) as Handlers
  }

  /** The file behind a profile or snapshot the workbench holds, for the browser's downloads. */
  downloadableFile(kind: 'profile' | 'heapsnapshot', id: string): string {
    if (kind === 'profile') return this.profiles.library.fileOf(id)
    return this.heap.library.get(id).file
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

  /** A domain that failed to show an opened session: the session is open; that view lacks it. */
  private reportDomainFailure(domain: WorkbenchDomain<unknown>, error: Error): void {
    process.stderr.write(`spyglass: the ${domain.name} view of an opened session could not be read: ${error.message.split('\n')[0]}\n`)
  }

  /** Detach from everything and stop the programs this workbench launched. */
  async dispose(): Promise<void> {
    // Recordings stop first: their streams still need the domains that feed them. Then the
    // domains go in reverse order, so that each outlives the ones that depend on it (targets,
    // which stops launched programs, last but settings and app).
    const sessions = this.domains.find((d) => d.name === 'sessions')!
    await sessions.dispose()
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe()
    for (const domain of [...this.domains].reverse()) if (domain !== sessions) await domain.dispose()
  }
}
