// The errors domain: fingerprints, groups, the catalog of known Node errors, the live service,
// its part of recordings and of saved sessions.
export { createErrorsDomain, type ErrorsDomain } from './errorsDomain'
export { errorsRecorderStream } from './errorsRecorderStream'
export { errorsSessionPart, type ErrorsSessionSummary, type SessionErrorGroup } from './errorsSessionPart'
export { ErrorService, type ErrorServiceOptions } from './errorService'
export { ErrorGroups } from './errorGroups'
export { ErrorCatalog, readUserPatterns } from './errorCatalog'
export { errorOccurrenceOf, type ErrorOccurrence } from './errorOccurrence'
