// Session files in the two shells. The browser workbench cannot read or write the host's disk,
// so it downloads from and uploads to the routes of `spyglass serve` (same origin: the token
// cookie goes along); the desktop app only needs the path of a dropped file, from the preload.
import type { SessionFileTransfer } from '../stores/sessionsStore'
import { ApiError } from './apiError'

/** The server answers refusals with one line of text; that line is the message. */
async function failure(response: Response, what: string): Promise<ApiError> {
  const line = (await response.text().catch((error: unknown) => `${String(error)}`)).split('\n')[0]?.trim()
  return new ApiError(response.status === 404 ? 'UNKNOWN_TARGET' : 'BAD_REQUEST', line || `${what} failed (HTTP ${response.status})`)
}

/** `attachment; filename*=UTF-8''…` (preferred) or `filename="…"`, else null. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch (error) {
      // A malformed escape: fall back to the plain form below.
      console.warn('spyglass: malformed filename* in Content-Disposition', error)
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header)
  return plain ? plain[1] : null
}

/** `page` is read when a transfer runs, so that creating this outside a browser (tests) is harmless. */
export function createSessionFileTransfer(page: () => Window = () => window): SessionFileTransfer {
  return {
    async download(sessionId) {
      // Fetched rather than navigated to, so that a refusal comes back as a readable line; the
      // body becomes a blob (Chromium keeps large ones on disk) handed to the browser's downloads.
      const win = page()
      const response = await win.fetch(`/sessions/download?id=${encodeURIComponent(sessionId)}`)
      if (!response.ok) throw await failure(response, 'the download')
      const name = dispositionFileName(response.headers.get('Content-Disposition')) ?? `${sessionId}.spyglass`
      const url = URL.createObjectURL(await response.blob())
      try {
        const link = win.document.createElement('a')
        link.href = url
        link.download = name
        link.style.display = 'none'
        win.document.body.append(link)
        link.click()
        link.remove()
      } finally {
        // The download resolves the URL when it starts, shortly after the click; the blob is
        // released once that has surely happened rather than held for the page's lifetime.
        win.setTimeout(() => URL.revokeObjectURL(url), 10_000)
      }
    },

    async upload(file) {
      const response = await page().fetch(`/sessions/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file })
      if (!response.ok) throw await failure(response, 'the upload')
      const answer = (await response.json()) as { path?: unknown }
      if (typeof answer.path !== 'string') throw new ApiError('INTERNAL', 'the upload answer named no path')
      return answer.path
    },

    pathOf(file) {
      return page().spyglassFiles?.pathOf(file) ?? null
    }
  }
}
