// Finds the Electron executable without `require('electron')`: that module downloads the
// binary when it is missing and throws a stack trace when it cannot.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/** The executable when it is installed, or null; SPYGLASS_NO_ELECTRON=1 pretends it is not (tests). */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.SPYGLASS_NO_ELECTRON && env.SPYGLASS_NO_ELECTRON !== '0') return null
  let packageDir: string
  try {
    // electron is a devDependency: an installed `spyglass` may not have it at all.
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return null
    throw error
  }
  const pathFile = path.join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const executable = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(executable) ? executable : null
}
