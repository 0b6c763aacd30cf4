// `npm start`: build when the build is missing, then do what `spyglass` without arguments does —
// the desktop app when the Electron binary is present (and a display exists), otherwise one
// line saying so and the browser workbench (`serve --open`). That logic lives once, in
// src/main/cli/commands/desktop.ts; this script only makes sure there is a build to run it from.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const buildOutputs = ['out/main/cli.js', 'out/main/electron.js', 'out/preload/index.cjs', 'out/renderer/index.html']

function fail(line) {
  process.stderr.write(`${line}\n`)
  process.exit(1)
}

function electronViteBin() {
  try {
    const require = createRequire(import.meta.url)
    const manifestPath = require.resolve('electron-vite/package.json')
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['electron-vite']
    return path.join(path.dirname(manifestPath), bin)
  } catch (error) {
    fail(`Spyglass: not built, and the build tool is missing (${error.code ?? error.message}) — run \`npm ci\``)
  }
}

if (buildOutputs.some((file) => !existsSync(path.join(root, file)))) {
  const build = spawnSync(process.execPath, [electronViteBin(), 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) fail('Spyglass: the build failed — see the output above')
}

let main
try {
  ;({ main } = await import(new URL('../out/main/cli.js', import.meta.url).href))
} catch (error) {
  fail(`Spyglass: the build in out/ cannot be loaded (${String(error?.message ?? error).split('\n')[0]}) — run \`npm run build\``)
}
await main([])
