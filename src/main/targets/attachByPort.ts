// Attach by inspector port: the first target the inspector's HTTP side lists on host:port. The
// endpoint is kept, so that a program restarted on the same port is found again.
import type { AttachRequest, TargetInfo } from '../../shared/targetTypes'
import { firstInspectorTarget } from './inspectorHttp'
import type { AttachHost } from './attachHost'

export async function attachByPort(manager: AttachHost, request: Extract<AttachRequest, { kind: 'port' }>): Promise<TargetInfo> {
  const host = request.host ?? '127.0.0.1'
  const listed = await firstInspectorTarget(host, request.port)
  const target = manager.create({ kind: 'port', title: listed.title || `${host}:${request.port}`, command: listed.title ?? '' })
  target.endpoint = { host, port: request.port }
  return manager.connectOrDrop(target, listed.webSocketDebuggerUrl)
}
