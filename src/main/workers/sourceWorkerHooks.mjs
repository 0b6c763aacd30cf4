// Node module hooks for running the engine's TypeScript source without a bundler (a worker
// started under vitest, the benchmarks' child processes): extensionless relative imports
// resolve to .ts files, folder imports to their index.ts (a domain's entry), .ts files are
// stripped of their types by oxc (Rolldown's transform,
// already here as Vite's bundler), and electron-vite's `?modulePath` import yields the module's
// file URL, as the build yields its bundled path. The build never loads this file.
import { readFile } from 'node:fs/promises'
import { transformSync } from 'rolldown/utils'

const modulePath = '?modulePath'

export async function resolve(specifier, context, nextResolve) {
  if (specifier.endsWith(modulePath)) {
    const resolved = await resolve(specifier.slice(0, -modulePath.length), context, nextResolve)
    return { ...resolved, url: `${resolved.url}${modulePath}`, shortCircuit: true }
  }
  try {
    return await nextResolve(specifier, context)
  } catch (error) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../')
    if (!relative || /\.[cm]?[jt]s$/.test(specifier)) throw error
    if (error?.code === 'ERR_UNSUPPORTED_DIR_IMPORT') return nextResolve(`${specifier}/index.ts`, context)
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error
    return nextResolve(`${specifier}.ts`, context)
  }
}

export async function load(url, context, nextLoad) {
  if (url.endsWith(modulePath)) return { format: 'module', source: `export default ${JSON.stringify(url.slice(0, -modulePath.length))}`, shortCircuit: true }
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context)
  const source = await readFile(new URL(url), 'utf8')
  const result = transformSync(url, source, { lang: 'ts', sourcemap: false })
  if (result.errors.length > 0) throw new Error(`${url}: ${result.errors[0].message}`)
  return { format: 'module', source: result.code, shortCircuit: true }
}
