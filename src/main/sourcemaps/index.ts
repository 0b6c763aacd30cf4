export { SourceMapResolver } from './sourceMapResolver'
