export { ConsoleService, type ConsoleServiceOptions } from './consoleService'
export { EventStore, estimateSize, type NewConsoleEvent } from './eventStore'
export { formatConsoleArgs, formatRemoteObject, parseStackText, toRemoteValue } from './remoteValue'
export { pauseCoordinatorOf, type PauseCoordinator, type PauseKeeper, type ExceptionPauseState } from './pauseCoordinator'
