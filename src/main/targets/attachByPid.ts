// Attach by PID: a Node process started without the inspector gets one (SIGUSR1, then moved off
// 9229; see pidInspector.ts), and is reached on the port that was found.
import type { AttachRequest, TargetInfo } from '../../shared/targetTypes'
import { enableInspector, requireNodeProcess } from './pidInspector'
import { commandLine } from './processInfo'
import type { AttachHost } from './attachHost'

export async function attachByPid(manager: AttachHost, request: Extract<AttachRequest, { kind: 'pid' }>): Promise<TargetInfo> {
  const description = await requireNodeProcess(request.pid)
  const inspector = await enableInspector(description)
  const target = manager.create({ kind: 'pid', title: `PID ${request.pid}`, command: commandLine(description), pid: request.pid })
  target.endpoint = { host: inspector.host, port: inspector.port }
  return manager.connectOrDrop(target, inspector.target.webSocketDebuggerUrl)
}
