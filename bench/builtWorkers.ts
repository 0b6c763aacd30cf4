// The worker chunks of the build (out/main, `npm run build`): the file each bundled
// `…WorkerEntry.ts?modulePath` import names, wherever in the chunks that import ended up.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const chunks = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'out', 'main', 'chunks')

/** The chunk of `entry` (e.g. 'profileWorkerEntry'); null without a build. */
export function builtWorkerChunk(entry: string): string | null {
  if (!existsSync(chunks)) return null
  const pattern = new RegExp(`${entry}\\.ts\\?modulePath\\n[^\\n]*join\\(import\\.meta\\.dirname, "([^"]+)"\\)`)
  for (const name of readdirSync(chunks)) {
    const named = pattern.exec(readFileSync(path.join(chunks, name), 'utf8'))
    if (named) return path.join(chunks, named[1])
  }
  return null
}
