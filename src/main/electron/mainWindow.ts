// The one window and the rules around it: sandboxed renderer, no Node, no navigation, no new
// windows, no permissions, and a Content-Security-Policy header equal to the page's own.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { app, BrowserWindow, session, shell } from 'electron'
import { contentSecurityPolicyOf, fallbackContentSecurityPolicy, withExtraSources } from '../../shared/contentSecurityPolicy'

const bundleDir = path.dirname(fileURLToPath(import.meta.url))
const preloadPath = path.join(bundleDir, '..', 'preload', 'index.cjs')
const pagePath = path.join(bundleDir, '..', 'renderer', 'index.html')
/** Set by `electron-vite dev`: the renderer then comes from Vite's dev server. */
const devServerUrl = process.env.ELECTRON_RENDERER_URL || null

/** True for the app's own page and nothing else: the built file, or the dev server's origin. */
export function isOwnPageUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin
  parsed.hash = ''
  parsed.search = ''
  return parsed.href === pathToFileURL(pagePath).href
}

function pageContentSecurityPolicy(): string {
  let policy = fallbackContentSecurityPolicy
  try {
    policy = contentSecurityPolicyOf(readFileSync(pagePath, 'utf8')) ?? fallbackContentSecurityPolicy
  } catch (error) {
    // In dev the built page may not exist yet; the strict default applies.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  if (!devServerUrl) return policy
  // Vite's dev client injects an inline preamble and talks to its server over a WebSocket.
  const dev = new URL(devServerUrl)
  const devSocket = `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`
  return withExtraSources(withExtraSources(policy, 'script-src', ["'unsafe-inline'"]), 'connect-src', [devSocket])
}

/** Session-wide rules; call once, before the first window. */
export function secureDefaultSession(): void {
  const policy = pageContentSecurityPolicy()
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } })
  })
  // The workbench needs no camera, notifications, clipboard reads or the like.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    // Links the page opens (documentation from error hints) go to the user's browser; the app
    // never opens windows of its own for them.
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url)
      return { action: 'deny' }
    })
  })
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    title: 'Spyglass',
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => window.show())
  const loading = devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(pagePath)
  loading.catch((error: Error) => console.error(`spyglass: could not load the workbench page: ${error.message}`))
  return window
}
