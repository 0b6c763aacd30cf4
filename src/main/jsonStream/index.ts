// The shared engine pieces of the two streaming JSON parsers (CPU profiles, heap snapshots).
export { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE, BACKSLASH, isNumberByte, isSpace, latin1 } from './jsonBytes'
export { decodeJsonString, isEscaped, unescapeJsonString } from './jsonStrings'
export { fileChunkBytes, fileReadError, inputFileSize, readFileChunks, withFileName, type ReadChunksOptions } from './fileChunks'
