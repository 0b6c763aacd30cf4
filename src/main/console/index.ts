// The console domain: console calls, exceptions, rejections and stdio of every target, in a
// bounded store; its part of recordings and of saved sessions.
export { createConsoleDomain, type ConsoleDomain } from './consoleDomain'
export { ConsoleService, type ConsoleServiceOptions } from './consoleService'
export { consoleSessionPart, type ConsoleSessionSummary } from './consoleSessionPart'
export { consoleRecorderStream } from './consoleRecorderStream'
export { FrequentMessageCounter, maxMessageChars, topMessageCount, type FrequentMessage } from './frequentMessages'
export { EventStore, estimateSize, type NewConsoleEvent } from './eventStore'
export { formatConsoleArgs, formatRemoteObject, parseStackText, toRemoteValue } from './remoteValue'
