// Real snapshots from real programs, for the engine's tests: a child `node` process runs a
// program with a known heap and writes snapshots with v8.writeHeapSnapshot() at the points the
// program chooses (`snap(name)`), into a fresh folder under os.tmpdir().
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { execa } from 'execa'

export interface SnapshotFolder {
  dir: string
  file(name: string): string
  remove(): Promise<void>
}

export async function snapshotFolder(): Promise<SnapshotFolder> {
  const dir = await mkdtemp(path.join(tmpdir(), 'spyglass-heap-test-'))
  return { dir, file: (name) => path.join(dir, `${name}.heapsnapshot`), remove: () => rm(dir, { recursive: true, force: true }) }
}

/** Runs `body` in a child Node; inside it, `snap(name)` writes DIR/name.heapsnapshot. */
export async function writeSnapshots(folder: SnapshotFolder, body: string): Promise<void> {
  const program = `
const v8 = require('node:v8')
const path = require('node:path')
const dir = process.argv[1]
function snap(name) { v8.writeHeapSnapshot(path.join(dir, name + '.heapsnapshot')) }
${body}
`
  await execa(process.execPath, ['-e', program, folder.dir], { timeout: 60_000 })
}
