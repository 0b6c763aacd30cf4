// Where a console call was made, in the file the user wrote: for compiled code (TypeScript,
// bundles) the location a target reports is in the generated file, and the console shows the
// original file and line instead, as DevTools does (the stack stays as reported: the errors
// domain groups by it and shows its original beside it). Maps load asynchronously, and events
// must keep their order: an event whose map is known goes through at once; one whose map is still
// loading waits, and every event after it waits behind it. The scripts the target parses say
// which have a map before anything from them is logged, so that waiting is rare.
import type { SourceMapService } from '../sourcemaps'
import { ScriptMaps } from '../sourcemaps'
import type { NewConsoleEvent } from './eventStore'

export class OriginalLocations {
  private readonly maps: ScriptMaps
  /** The last event still waiting, and how many wait. */
  private queue: Promise<void> = Promise.resolve()
  private waiting = 0
  private closed = false

  /** `after`: the target's previous session (a reconnect), whose events still waiting go first. */
  constructor(
    sourceMaps: SourceMapService,
    private readonly add: (event: NewConsoleEvent) => void,
    after?: OriginalLocations
  ) {
    this.maps = new ScriptMaps(sourceMaps)
    if (after && after.waiting > 0) {
      this.waiting = 1
      this.queue = after.drained().then(() => {
        this.waiting--
      })
    }
  }

  /** Debugger.scriptParsed: a script without a map is known at once, one with starts loading. */
  noteScript(url: string, sourceMapUrl: string | undefined): void {
    this.maps.noteScript(url, sourceMapUrl)
  }

  push(event: NewConsoleEvent): void {
    if (this.closed) return
    const location = event.location
    if (this.waiting === 0) {
      const now = location ? this.maps.originalFrameNow(location) : null
      if (now !== undefined) {
        this.add(now ? { ...event, location: now } : event)
        return
      }
    }
    this.waiting++
    const original = location ? this.maps.mapOf(location.url).then((map) => map?.originalFrame(location) ?? null) : Promise.resolve(null)
    this.queue = Promise.all([this.queue, original]).then(([, frame]) => {
      this.waiting--
      if (!this.closed) this.add(frame ? { ...event, location: frame } : event)
    })
  }

  /** Resolves once every event pushed so far has been added. */
  drained(): Promise<void> {
    return this.queue
  }

  /** The target is forgotten (removed): events still waiting are dropped with it. */
  close(): void {
    this.closed = true
  }
}
