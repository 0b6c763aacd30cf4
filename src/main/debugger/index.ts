export { createDebuggerDomain, type DebuggerDomain } from './debuggerDomain'
export { DebuggerService, type DebuggerServiceOptions } from './debuggerService'
export { debuggerRecorderStream, debuggerStreamName } from './debuggerRecorderStream'
