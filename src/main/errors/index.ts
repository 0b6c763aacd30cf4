export { ErrorService, type ErrorServiceOptions } from './errorService'
export { ErrorGroups } from './errorGroups'
export { ErrorCatalog, readUserPatterns } from './errorCatalog'
export { errorOccurrenceOf, type ErrorOccurrence } from './errorOccurrence'
