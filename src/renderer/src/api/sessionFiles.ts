// Session files in the two shells. The browser workbench cannot read or write the host's disk,
// so it downloads from and uploads to the routes of `spyglass serve` (same origin: the token
// cookie goes along); the desktop app only needs the path of a dropped file, from the preload.
import type { SessionFileTransfer } from '../sessions/sessionsStore'
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

/**
 * Downloads what the server answers at `url` under the name it gives (else `fallbackName`).
 * Fetched rather than navigated to, so that a refusal comes back as a readable line; the body
 * becomes a blob (Chromium keeps large ones on disk) handed to the browser's downloads.
 */
export async function downloadFrom(win: Window, url: string, fallbackName: string): Promise<void> {
  const response = await win.fetch(url)
  if (!response.ok) throw await failure(response, 'the download')
  const name = dispositionFileName(response.headers.get('Content-Disposition')) ?? fallbackName
  const blobUrl = URL.createObjectURL(await response.blob())
  try {
    const link = win.document.createElement('a')
    link.href = blobUrl
    link.download = name
    link.style.display = 'none'
    win.document.body.append(link)
    link.click()
    link.remove()
  } finally {
    // The download resolves the URL when it starts, shortly after the click; the blob is
    // released once that has surely happened rather than held for the page's lifetime.
    win.setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000)
  }
}

/** Posts a file to an upload route of the server; resolves with the host path it answers. */
export async function uploadTo(win: Window, url: string, file: File): Promise<string> {
  const response = await win.fetch(url, { method: 'POST', body: file })
  if (!response.ok) throw await failure(response, 'the upload')
  const answer = (await response.json()) as { path?: unknown }
  if (typeof answer.path !== 'string') throw new ApiError('INTERNAL', 'the upload answer named no path')
  return answer.path
}

/** `page` is read when a transfer runs, so that creating this outside a browser (tests) is harmless. */
export function createSessionFileTransfer(page: () => Window = () => window): SessionFileTransfer {
  return {
    download(sessionId) {
      return downloadFrom(page(), `/sessions/download?id=${encodeURIComponent(sessionId)}`, `${sessionId}.spyglass`)
    },

    upload(file) {
      return uploadTo(page(), `/sessions/upload?name=${encodeURIComponent(file.name)}`, file)
    },

    pathOf(file) {
      return page().spyglassFiles?.pathOf(file) ?? null
    }
  }
}
