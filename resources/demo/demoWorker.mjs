// The demo's worker thread: logs on its own console so that it appears as a child target.
import { parentPort, threadId, workerData } from 'node:worker_threads'

let jobs = 0
const crashAfter = Number(workerData?.crashAfter ?? 0)
const timer = setInterval(() => {
  jobs++
  console.log(`[worker ${threadId}] resized image ${jobs}`, { width: 640, height: 480, format: 'webp' })
  if (jobs % 5 === 0) console.warn(`[worker ${threadId}] queue is slow: ${jobs} jobs so far`)
  // An uncaught exception on a worker ends only that worker: the inspector reports it, the demo restarts it.
  if (jobs === crashAfter) {
    const image = undefined
    console.log(`[worker ${threadId}] resizing ${image.path}`)
  }
}, Number(process.env.SPYGLASS_DEMO_TICK_MS ?? 1000))
parentPort?.on('close', () => clearInterval(timer))
