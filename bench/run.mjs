// `npm run bench`: every benchmark in one run, each beside its anchor; tables also land in bench/results/latest.md.
import { rmSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
rmSync(path.join(root, 'bench', 'results', 'latest.md'), { force: true })
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs')
const result = spawnSync(process.execPath, [vitest, 'run', '-c', 'bench/vitest.config.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
process.exit(result.status ?? 1)
