// What every command needs from its surroundings: the workbench, the build's own folders,
// the app version and a way to wait for Ctrl-C / SIGTERM.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { version } from '../../../package.json'
import { createConfRecentSessionsStore } from '../sessions'
import { confDirectory, createConfSettingsStore, type SettingsStore } from '../settings'
import { Workbench, type WorkbenchOptions } from '../workbench'

/** Read at build time from package.json, so the bundle carries no absolute path. */
export const appVersion: string = version

/** Lines of output; the CLI writes whole lines only, so that `--json` output stays parseable. */
export const out = {
  line(text: string): void {
    process.stdout.write(`${text}\n`)
  },
  error(text: string): void {
    process.stderr.write(`${text}\n`)
  }
}

// Folders of the build, found beside the bundled cli.js (out/main/cli.js). path.join rather than
// `new URL(…, import.meta.url)`, which Vite would try to turn into an asset import.
const bundleDir = path.dirname(fileURLToPath(import.meta.url))
export const buildPaths = {
  rendererDir: path.join(bundleDir, '..', 'renderer'),
  electronMain: path.join(bundleDir, 'electron.js')
}

export function rendererIsBuilt(): boolean {
  return existsSync(path.join(buildPaths.rendererDir, 'index.html'))
}

/** Settings come from conf; SPYGLASS_CONFIG_DIR points them elsewhere (tests use a temp folder). */
export function createCliSettings(): SettingsStore {
  return createConfSettingsStore({ cwd: process.env.SPYGLASS_CONFIG_DIR || undefined })
}

export function createCliWorkbench(shell: WorkbenchOptions['shell']): Workbench {
  const cwd = process.env.SPYGLASS_CONFIG_DIR || undefined
  const settings = createConfSettingsStore({ cwd })
  return new Workbench({ shell, settings, appVersion, dataDir: confDirectory(cwd), recentSessions: createConfRecentSessionsStore({ cwd }) })
}

export type StopReason = 'SIGINT' | 'SIGTERM'

/**
 * Resolves on the first Ctrl-C or SIGTERM. While it is pending the default handlers (which
 * would kill the process before the workbench stops its targets) are replaced.
 */
export function waitForStopSignal(): { stopped: Promise<StopReason>; dispose(): void } {
  let onSignal: (signal: StopReason) => void = () => undefined
  const stopped = new Promise<StopReason>((resolve) => {
    onSignal = resolve
  })
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    stopped,
    dispose() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}
