// Where Spyglass's bundled resources are (the demo target) and which Node runs targets.
import path from 'node:path'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The folder of bundled resources (the demo target), found from this module whether built or run from source. */
export function resourcesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'resources', 'demo'))) return path.join(dir, 'resources')
    dir = path.dirname(dir)
  }
  throw new Error('the resources folder of Spyglass was not found')
}

/** A Node to run targets with: this process's own, unless this is Electron, whose binary is not a plain node. */
export function nodeExecutable(): string {
  return process.versions.electron ? 'node' : process.execPath
}

/** The command line of the bundled demo target. */
export function demoCommand(): string[] {
  return [nodeExecutable(), path.join(resourcesDir(), 'demo', 'demo.mjs')]
}
