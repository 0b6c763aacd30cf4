export { startModuleWorker } from './moduleWorker'
