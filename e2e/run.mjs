// `npm run test:e2e`: the browser tests against a real `spyglass serve`. `npm test` builds first;
// run alone, this builds when the build is missing, then runs vitest with the e2e config.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1
const bin = (name) => fileURLToPath(new URL(`../node_modules/${name}`, import.meta.url))

if (!existsSync(new URL('../out/main/cli.js', import.meta.url)) || !existsSync(new URL('../out/renderer/index.html', import.meta.url))) {
  const status = run([bin('electron-vite/bin/electron-vite.js'), 'build'])
  if (status !== 0) process.exit(status)
}
process.exit(run([bin('vitest/vitest.mjs'), 'run', '-c', 'vitest.e2e.config.ts', ...process.argv.slice(2)]))
