// Starts a worker thread on a module given by its path or URL: the built chunk as it is, or —
// under vitest, where the module is TypeScript source — after registering the profiler's
// sourceWorkerHooks.mjs (see profileWorker.ts), which strip the types. Used for the snapshot
// worker and for the helper thread that reads a snapshot's edges beside it.
import { Worker, type ResourceLimits } from 'node:worker_threads'

export function startModuleWorker(entry: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry.startsWith('file:') ? new URL(entry) : entry, { workerData, resourceLimits })
  const hooks = new URL('../profiler/sourceWorkerHooks.mjs', entry)
  // import() rather than require: the eval'd code is ESM where the parent runs with --input-type=module.
  const bootstrap = `import('node:module').then((m) => m.register(${JSON.stringify(hooks.href)})).then(() => import(${JSON.stringify(entry)}))`
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits })
}
