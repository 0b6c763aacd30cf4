// The layer table of ARCHITECTURE.md is enforced by `no-restricted-imports` rules in
// eslint.config.js. This test proves two things: the tree obeys them, and each forbidden
// direction really fires (a rule that silently matches nothing would enforce nothing).
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint()

async function restrictedImportMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('layer rules', () => {
  it('hold for every file under src/', async () => {
    const results = await eslint.lintFiles(['src'])
    const violations = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line} ${m.message}`)
    )
    expect(violations).toEqual([])
    // Linting the whole tree takes a while on a busy two-core machine.
  }, 240_000)

  const forbidden: Array<[string, string, string]> = [
    ['renderer → node:fs', 'src/renderer/src/x.ts', "import { readFileSync } from 'node:fs'\nexport const read = readFileSync\n"],
    ['renderer → src/main', 'src/renderer/src/x.ts', "import { Workbench } from '../../main/workbench'\nexport const W = Workbench\n"],
    ['renderer → electron', 'src/renderer/src/x.ts', "import { ipcRenderer } from 'electron'\nexport const ipc = ipcRenderer\n"],
    ['shared → node:path', 'src/shared/x.ts', "import path from 'node:path'\nexport const join = path.join\n"],
    ['shared → electron', 'src/shared/x.ts', "import { app } from 'electron'\nexport const a = app\n"],
    ['shared → main', 'src/shared/x.ts', "import { Workbench } from '../main/workbench'\nexport const W = Workbench\n"],
    ['main domain → electron', 'src/main/targets/x.ts', "import { app } from 'electron'\nexport const a = app\n"],
    ['main domain → cli shell', 'src/main/targets/x.ts', "import { runCli } from '../cli/index'\nexport const run = runCli\n"],
    ['main domain → server shell (folder import)', 'src/main/console/x.ts', "import { startServer } from '../server'\nexport const start = startServer\n"],
    ['main domain → React', 'src/main/console/x.ts', "import { useState } from 'react'\nexport const use = useState\n"],
    ['preload → node:fs', 'src/preload/x.ts', "import { readFileSync } from 'node:fs'\nexport const read = readFileSync\n"],
    ['preload → main', 'src/preload/x.ts', "import { Workbench } from '../main/workbench'\nexport const W = Workbench\n"],
    ['cli → electron', 'src/main/cli/x.ts', "import { app } from 'electron'\nexport const a = app\n"],
    ['server → electron', 'src/main/server/x.ts', "import { app } from 'electron'\nexport const a = app\n"],
    ['electron shell → renderer', 'src/main/electron/x.ts', "import { App } from '../../renderer/src/App'\nexport const A = App\n"],
    ['main domain → a file inside another domain', 'src/main/heap/x.ts', "import { ndjsonLines } from '../sessions/ndjsonLines'\nexport const lines = ndjsonLines\n"],
    ['nested domain file → a file inside another domain (type only)', 'src/main/targets/cdp/x.ts', "import type { SessionSource } from '../../sessions/sessionSource'\nexport type S = SessionSource\n"],
    ['workbench root file → a file inside a domain', 'src/main/x.ts', "import { ConsoleService } from './console/consoleService'\nexport const C = ConsoleService\n"],
    ['cli → a file inside a domain', 'src/main/cli/commands/x.ts', "import { recordHeapSnapshots } from '../../heap/recordedSnapshots'\nexport const r = recordHeapSnapshots\n"]
  ]

  it.each(forbidden)('forbid %s', async (_name, filePath, code) => {
    expect((await restrictedImportMessages(code, filePath)).length).toBeGreaterThanOrEqual(1)
  })

  const allowed: Array<[string, string, string]> = [
    ['renderer → shared', 'src/renderer/src/x.ts', "import { requestNames } from '../../shared/api'\nexport const names = requestNames\n"],
    ['cli → workbench and node:*', 'src/main/cli/x.ts', "import path from 'node:path'\nimport { Workbench } from '../workbench'\nexport const all = [path, Workbench]\n"],
    ['main domain → shared and node:*', 'src/main/targets/x.ts', "import { spawn } from 'node:child_process'\nimport { UserError } from '../../shared/userError'\nexport const all = [spawn, UserError]\n"],
    ['electron shell → electron', 'src/main/electron/x.ts', "import { app } from 'electron'\nexport const a = app\n"],
    ['preload → electron and shared', 'src/preload/x.ts', "import { contextBridge } from 'electron'\nimport { ipcPrefix } from '../shared/api'\nexport const all = [contextBridge, ipcPrefix]\n"],
    ['main domain → another domain through its index', 'src/main/heap/x.ts', "import { ndjsonLines } from '../sessions'\nexport const lines = ndjsonLines\n"],
    ['main domain → a file of its own subfolder', 'src/main/targets/x.ts', "import { CdpClient } from './cdp/connection'\nexport const C = CdpClient\n"],
    ['workbench root file → a domain through its index', 'src/main/x.ts', "import { ConsoleService } from './console'\nexport const C = ConsoleService\n"],
    ['a test → the internals of another domain', 'src/main/heap/test/x.test.ts', "import { ndjsonLines } from '../../sessions/ndjsonLines'\nexport const lines = ndjsonLines\n"]
  ]

  it.each(allowed)('allow %s', async (_name, filePath, code) => {
    expect(await restrictedImportMessages(code, filePath)).toEqual([])
  })
})
