// Which group a file belongs to in the Sources list, and the name it is listed under.
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { SourceGroup } from '../../shared/debuggerTypes'

export function sourceGroupOf(url: string): SourceGroup {
  if (url.includes('/node_modules/') || url.includes('\\node_modules\\')) return 'node_modules'
  if (url.startsWith('file://') || path.isAbsolute(url)) return 'app'
  return 'internal'
}

/** The path relative to the target's working dir when the file is inside it, else the url. */
export function sourceNameOf(url: string, cwd: string | null): string {
  let file: string | null = null
  if (url.startsWith('file://')) {
    try {
      file = fileURLToPath(url)
    } catch {
      // A file URL with a host: listed by its url.
      file = null
    }
  } else if (path.isAbsolute(url)) file = url
  if (!file) return url
  if (cwd) {
    const relative = path.relative(cwd, file)
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/')
  }
  return file
}

/** The highlighter's language for a file. */
export function languageOf(url: string): 'javascript' | 'typescript' | 'json' | 'other' {
  const clean = url.replace(/[?#].*$/, '')
  if (/\.(m|c)?tsx?$/.test(clean)) return 'typescript'
  if (/\.json$/.test(clean)) return 'json'
  if (/\.(m|c)?jsx?$/.test(clean) || clean.startsWith('node:') || !/\.\w+$/.test(clean)) return 'javascript'
  return 'other'
}

/** A regex matching a file as either form the target may report it in: a path (CommonJS) or a file URL (ESM). */
export function urlRegexFor(url: string): string | null {
  let file: string | null = null
  if (url.startsWith('file://')) {
    try {
      file = fileURLToPath(url)
    } catch {
      file = null
    }
  } else if (path.isAbsolute(url)) file = url
  if (!file) return null
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  const fileUrl = pathToFileURL(file).href
  return `^(?:${escape(file)}|${escape(fileUrl)})$`
}
