import { UserError } from '../../../shared/userError'
import { formatWorkbenchLine, isLoopbackHost, startServer } from '../../server'
import { tryOpenBrowser } from '../browserOpener'
import { UsageError } from '../cliErrors'
import { buildPaths, createCliWorkbench, out, rendererIsBuilt, waitForStopSignal } from '../cliContext'
import type { CliCommand } from '../cliCommand'
import { parseCommandLine, parseIntegerOption } from '../commandLine'

const help = `Usage: spyglass serve [--port N] [--host H] [--allow-remote] [--open]

Serve the workbench to a browser: the same page as the desktop app, talking to this process
over a WebSocket. Prints "Spyglass workbench: <url>"; the URL carries a random per-run token
that every request must present. Ctrl-C stops the server and every program it launched.

Options:
  --port N         port to listen on (default: a free one)
  --host H         interface to bind (default 127.0.0.1)
  --allow-remote   allow a host other than loopback (prints a warning: the workbench runs
                   code in your targets)
  --open           open the page in a browser when a display is available
  -h, --help       show this help
`

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the workbench to a browser (token-protected, loopback by default)',
  help,
  async run(args) {
    const { values } = parseCommandLine('serve', args, {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-remote': { type: 'boolean', default: false },
      open: { type: 'boolean', default: false }
    })
    const port = parseIntegerOption('port', values.port, 0, 65535) ?? 0
    if (!isLoopbackHost(values.host) && !values['allow-remote']) {
      throw new UsageError(`--host ${values.host} is not loopback; add --allow-remote if you mean it`)
    }
    return serveWorkbench({ port, host: values.host, allowRemote: values['allow-remote'], open: values.open })
  }
}

/** Runs until Ctrl-C / SIGTERM; also the fallback of `spyglass` without arguments when Electron is missing. */
export async function serveWorkbench(options: { port: number; host: string; allowRemote: boolean; open: boolean }): Promise<number> {
  if (!rendererIsBuilt()) throw new UserError('INTERNAL', 'the workbench page is not built — run `npm run build`')
  const stop = waitForStopSignal()
  const workbench = createCliWorkbench('web')
  try {
    const server = await startServer({
      workbench,
      files: {
        saveForDownload: (sessionId) => workbench.sessions.saveForDownload(sessionId),
        uploadPath: (name) => workbench.sessions.uploadPath(name),
        artifactPath: (kind, id) => workbench.downloadableFile(kind, id)
      },
      rendererDir: buildPaths.rendererDir,
      host: options.host,
      port: options.port,
      allowRemote: options.allowRemote,
      warn: out.error
    })
    out.line(formatWorkbenchLine(server.url))
    if (options.open) tryOpenBrowser(server.url, out.error)
    await stop.stopped
    await server.close()
    return 0
  } finally {
    stop.dispose()
    await workbench.dispose()
  }
}
