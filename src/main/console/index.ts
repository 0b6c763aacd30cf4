export { ConsoleService, type ConsoleServiceOptions } from './consoleService'
export { EventStore, estimateSize, type NewConsoleEvent } from './eventStore'
export { formatConsoleArgs, formatRemoteObject, parseStackText } from './remoteValue'
