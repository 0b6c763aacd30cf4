// Puts the fake nvidia-smi (nvidia-smi-replay.mjs) where Spyglass looks for the real one: an
// executable named nvidia-smi in a temp folder, for the PATH or SPYGLASS_NVIDIA_SMI. The
// captured documents it replays are the real ones in ../shared/fixtures/nvidia-smi/.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { stopAllNodes } from '../../targets/test/harness'
import type { Workbench } from '../../workbench'

const here = path.dirname(fileURLToPath(import.meta.url))
export const nvidiaSmiFixtureDir = path.resolve(here, '..', '..', '..', '..', '..', 'shared', 'fixtures', 'nvidia-smi')

export function nvidiaSmiFixture(name: string): string {
  return path.join(nvidiaSmiFixtureDir, name)
}

export interface FakeNvidiaSmi {
  /** The folder holding `nvidia-smi` (prepend it to PATH). */
  dir: string
  /** The executable itself (for SPYGLASS_NVIDIA_SMI). */
  binary: string
  /** A file whose pid stands in for the capture's first GPU process once written. */
  pidFile: string
  remove(): void
}

export function installFakeNvidiaSmi(options: { fixtures?: string[]; mode?: 'hang' | 'fail' | 'nodevice' } = {}): FakeNvidiaSmi {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spyglass-fake-nvidia-smi-'))
  const binary = path.join(dir, 'nvidia-smi')
  const pidFile = path.join(dir, 'gpu-pid')
  const env = {
    FAKE_NVIDIA_SMI_XML: (options.fixtures ?? []).map(nvidiaSmiFixture).join(path.delimiter),
    FAKE_NVIDIA_SMI_MODE: options.mode ?? '',
    FAKE_NVIDIA_SMI_PID_FILE: pidFile
  }
  const exports = Object.entries(env).map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'`)
  // exec: the fake becomes the process Spyglass started, so that killing it kills the fake.
  writeFileSync(binary, ['#!/bin/sh', ...exports, `exec '${process.execPath}' '${path.join(here, 'nvidia-smi-replay.mjs')}' "$@"`, ''].join('\n'))
  chmodSync(binary, 0o755)
  return { dir, binary, pidFile, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * For a test file: the fake nvidia-smi replaying `fixture`, named by SPYGLASS_NVIDIA_SMI for the
 * file's tests, and a workbench list disposed (with every launched node) after each test.
 */
export function useFakeNvidiaSmiWorkbenches(fixture: string): { fake: () => FakeNvidiaSmi; workbenches: Workbench[] } {
  let fake: FakeNvidiaSmi | null = null
  const workbenches: Workbench[] = []
  beforeAll(() => {
    fake = installFakeNvidiaSmi({ fixtures: [fixture] })
    process.env.SPYGLASS_NVIDIA_SMI = fake.binary
  })
  afterAll(() => {
    delete process.env.SPYGLASS_NVIDIA_SMI
    fake?.remove()
  })
  afterEach(async () => {
    for (const wb of workbenches.splice(0)) await wb.dispose()
    await stopAllNodes()
  })
  return { fake: () => fake!, workbenches }
}
