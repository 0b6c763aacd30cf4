// A value as the debugger shows it: like the console's, except that a string is quoted, so that
// the string '1' and the number 1 look different in a variables list.
import type { Protocol } from 'devtools-protocol'
import type { RemoteValue } from '../../shared/consoleTypes'
import { formatRemoteObject, toRemoteValue } from '../console'

export function toDebugValue(object: Protocol.Runtime.RemoteObject): RemoteValue {
  const value = toRemoteValue(object)
  if (object.type === 'string') value.text = formatRemoteObject(object, false)
  return value
}
