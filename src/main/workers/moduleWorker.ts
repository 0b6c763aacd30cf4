// Starts a worker thread on a module of the engine, given by the path or URL that electron-vite's
// `?modulePath` import yields for it (STYLE.md rule 8: one function, inline or in a worker). The
// profile worker, the heap snapshot worker and the helper thread that reads a snapshot's edges
// beside it all start this way.
//
// Where the worker's code comes from: `import entry from './xWorkerEntry?modulePath'` makes
// electron-vite bundle that module on its own (out/main/chunks/common-<hash>.js, next to the CLI's
// and the app's chunks) and gives its path, so the worker loads its engine only (a worker that
// loaded cli.js instead took ~150 ms more to start). Under vitest there is no electron-vite: the
// import yields the entry module itself, whose default export is its own file URL; Node cannot run
// .ts by itself, so the worker first registers sourceWorkerHooks.mjs, which strip the types (the
// build never loads that file).
import { Worker, type ResourceLimits } from 'node:worker_threads'

// A name, not a literal in `new URL(…, import.meta.url)`: the bundler would copy the file into the build.
const hooksFile = 'sourceWorkerHooks.mjs'

export function startModuleWorker(entry: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry.startsWith('file:') ? new URL(entry) : entry, { workerData, resourceLimits })
  const hooks = new URL(hooksFile, import.meta.url)
  // import() rather than require: the eval'd code is ESM where the parent runs with --input-type=module.
  const bootstrap = `import('node:module').then((m) => m.register(${JSON.stringify(hooks.href)})).then(() => import(${JSON.stringify(entry)}))`
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits })
}
