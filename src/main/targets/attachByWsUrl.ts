// Attach by the inspector's WebSocket URL, as the target printed it. A URL with a port gives the
// endpoint to look at again when the program restarts (it gets a new UUID, not a new port).
import type { AttachRequest, TargetInfo } from '../../shared/targetTypes'
import type { AttachHost } from './attachHost'

export async function attachByWsUrl(manager: AttachHost, request: Extract<AttachRequest, { kind: 'ws' }>): Promise<TargetInfo> {
  const target = manager.create({ kind: 'ws', title: request.url, command: '' })
  const url = new URL(request.url)
  if (url.port) target.endpoint = { host: url.hostname, port: Number(url.port) }
  return manager.connectOrDrop(target, request.url)
}
