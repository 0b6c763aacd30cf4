// The targets domain: discovery, attach (launch, port, ws URL, PID), the CDP connection, workers,
// lifecycle. Other domains reach it only through this file.
export { TargetManager, type TargetManagerOptions } from './targetManager'
export type { TargetConnection } from './managedTarget'
export { pauseCoordinatorOf, type PauseCoordinator, type PauseKeeper, type ExceptionPauseState } from './pauseCoordinator'
export { CdpClient, CdpError } from './cdp/connection'
export { discoverNodeProcesses } from './discovery'
export { isInspectorBanner, type StdioSource, type StdioStream } from './launcher'
export { createTargetsDomain, type TargetsDomain } from './targetsDomain'
export { demoCommand, nodeExecutable, resourcesDir } from './resources'
