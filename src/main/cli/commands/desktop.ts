// `spyglass` without arguments (and `npm start`): the desktop app when Electron can run here,
// otherwise the same workbench in a browser, announced in one line.
import { spawn } from 'node:child_process'
import { browserOpeningDisabled, hasDisplay } from '../browserOpener'
import { buildPaths, out } from '../cliContext'
import { findElectronBinary } from '../electronBinary'
import { serveWorkbench } from './serve'

export const electronMissingLine = 'Spyglass: the Electron binary is not available here — opening the browser workbench instead.'
export const noDisplayLine = 'Spyglass: no display for the desktop app here — opening the browser workbench instead.'

export async function openDesktopApp(): Promise<number> {
  const electron = findElectronBinary()
  if (electron && hasDisplay()) return runElectron(electron)
  out.line(electron ? noDisplayLine : electronMissingLine)
  return serveWorkbench({ port: 0, host: '127.0.0.1', allowRemote: false, open: !browserOpeningDisabled() })
}

function runElectron(executable: string): Promise<number> {
  const env = { ...process.env }
  // Inherited from an Electron-hosted terminal, this would make the binary behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE
  const child = spawn(executable, [buildPaths.electronMain], { stdio: 'inherit', env })
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal)
  }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  return new Promise((resolve) => {
    child.once('error', (error) => {
      out.error(`spyglass: could not start Electron: ${error.message}`)
      resolve(1)
    })
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}
