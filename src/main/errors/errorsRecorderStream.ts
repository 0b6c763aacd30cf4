// The errors part of a session: when the recording stops, the process's error groups are written
// as summaries/errors.json (other tools read them without regrouping the events).
import type { RecorderStream } from '../sessions'
import type { ErrorService } from './errorService'

export const errorsSummaryName = 'errors'

export function errorsRecorderStream(errors: ErrorService): RecorderStream {
  return {
    name: 'errors',
    start(context) {
      return {
        async stop() {
          await context.writer.writeSummary(errorsSummaryName, errors.details(context.rootId))
        }
      }
    }
  }
}
