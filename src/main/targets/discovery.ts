import type { LocalNodeProcess } from '../../shared/targetTypes'
import { endpointOf, tryFindInspector } from './pidInspector'
import { commandLine, isNodeDescription, listProcesses } from './processInfo'

/**
 * Node processes on this machine with their active inspector, for the process picker. Only ports an
 * inspector is likely on are probed, so that listing processes never sends requests to users' servers.
 */
export async function discoverNodeProcesses(): Promise<LocalNodeProcess[]> {
  const processes = (await listProcesses()).filter((p) => p.pid !== process.pid && isNodeDescription(p))
  const rows = await Promise.all(
    processes.map(async (description) => {
      const inspector = await tryFindInspector(description)
      return { pid: description.pid, command: commandLine(description), inspector: inspector ? endpointOf(inspector) : null }
    })
  )
  return rows.sort((a, b) => a.pid - b.pid)
}
