// `serve --open`: hand the URL to the system's browser when there is a screen to show it on.
import { spawn } from 'node:child_process'

/** True when a window could appear: always on macOS and Windows, with X11 or Wayland on Linux. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

/** SPYGLASS_NO_BROWSER=1 keeps every command from opening a browser (tests, CI, remote shells). */
export function browserOpeningDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.SPYGLASS_NO_BROWSER) && env.SPYGLASS_NO_BROWSER !== '0'
}

/**
 * Best effort: the URL is already printed, so a missing opener only costs a line on stderr.
 * Returns whether an opener was started.
 */
export function tryOpenBrowser(url: string, warn: (line: string) => void): boolean {
  if (browserOpeningDisabled() || !hasDisplay()) return false
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]]
  const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true })
  child.on('error', (error) => warn(`spyglass: could not open a browser (${command}: ${error.message}); open the URL above`))
  child.unref()
  return true
}
