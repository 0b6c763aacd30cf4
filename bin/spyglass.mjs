#!/usr/bin/env node
// The `spyglass` command. The code lives in the build (out/main/cli.js); this file only finds it.
import { existsSync } from 'node:fs'

const cli = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(cli)) {
  process.stderr.write('spyglass: not built — run `npm run build`\n')
  process.exit(1)
}
let main
try {
  ;({ main } = await import(cli.href))
} catch (error) {
  // A half-written or stale build (a chunk missing): one line, not a loader stack trace.
  process.stderr.write(`spyglass: the build in out/ cannot be loaded (${String(error?.message ?? error).split('\n')[0]}) — run \`npm run build\`\n`)
  process.exit(1)
}
await main(process.argv.slice(2))
