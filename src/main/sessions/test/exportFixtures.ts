// Real sessions for the export, summary and CLI tests: a fixture program launched under the
// workbench, recorded from its first line to its exit, saved into a .spyglass file.
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { newWorkbench } from '../../targets/test/harness'

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')

/** Text that the secrets fixture logs and that redaction must remove. */
export const fixtureSecrets = ['hunter2', 's3cr3tBearerValue42', 'sid=abc123', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'dbpass99', 'ghp_a1B2c3D4']

/** Records `fixtures/<name>` until it exits and saves it; returns the file and the recording's counts. */
export async function recordFixtureSession(name: string, dir?: string) {
  const wb = newWorkbench()
  try {
    const target = await wb.invoke('targets.attach', { kind: 'launch', command: [process.execPath, path.join(fixturesDir, name)] })
    const recording = await wb.invoke('sessions.record', { targetId: target.id })
    const stopped = await wb.sessions.stopped(recording.id)
    const file = path.join(dir ?? (await mkdtemp(path.join(os.tmpdir(), 'spyglass-export-'))), `${path.basename(name, path.extname(name))}.spyglass`)
    await wb.invoke('sessions.save', { sessionId: recording.id, path: file })
    return { file, target, counts: stopped.counts, exit: stopped.target.exit }
  } finally {
    await wb.dispose()
  }
}
