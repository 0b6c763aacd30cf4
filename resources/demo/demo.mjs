// Spyglass demo target: a small "order service" that gives every view something real to show.
// It logs at every level, throws and rejects, burns CPU in a named hot function, leaks slowly,
// and runs a worker thread with its own console. Runs until stopped (or for SPYGLASS_DEMO_TICKS ticks).
import { EventEmitter } from 'node:events'
import { readFile } from 'node:fs/promises'
import net from 'node:net'
import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'

const tickMs = Number(process.env.SPYGLASS_DEMO_TICK_MS ?? 1000)
const maxTicks = Number(process.env.SPYGLASS_DEMO_TICKS ?? Infinity)

class Order {
  constructor(id, customer, items) {
    this.id = id
    this.customer = customer
    this.items = items
    this.createdAt = new Date()
  }
  get total() {
    return this.items.reduce((sum, item) => sum + item.price * item.quantity, 0)
  }
}

class OrderValidationError extends Error {
  constructor(orderId, reason) {
    super(`order ${orderId} is invalid: ${reason}`)
    this.name = 'OrderValidationError'
    this.orderId = orderId
  }
}

// The leak: every order is remembered "for auditing" and never forgotten.
const auditTrail = []

function makeOrder(id) {
  const items = [
    { sku: `SKU-${id % 7}`, price: 9.99 + (id % 5), quantity: 1 + (id % 3) },
    { sku: 'SKU-GIFTWRAP', price: 2.5, quantity: id % 2 }
  ]
  return new Order(id, { name: ['Ada', 'Grace', 'Linus', 'Barbara'][id % 4], tier: id % 3 === 0 ? 'gold' : 'basic' }, items)
}

// The hot path: a deliberately slow price check that shows up in CPU profiles.
function computeFraudScore(order) {
  let score = 0
  for (let i = 0; i < 200_000; i++) score = (score + Math.sqrt(i * order.id + order.total)) % 1000
  return score
}

function validateOrder(order) {
  if (order.id % 5 === 0) throw new OrderValidationError(order.id, 'gift wrap without a gift')
  return true
}

async function chargeCard(order) {
  await new Promise((resolve) => setTimeout(resolve, 5))
  if (order.id % 7 === 0) throw new Error(`card declined for order ${order.id}`)
  return { ok: true, amount: order.total }
}

// The service's dependencies fail the ways real ones do: a database that is down, a config file
// that is missing, a partner API answering garbage, an upstream too slow for its timeout.
const closedPort = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address()
    probe.close(() => resolve(port))
  })
})
const orderEvents = new EventEmitter()

function checkDependencies(tick) {
  if (tick % 3 === 0) {
    fetch(`http://127.0.0.1:${closedPort}/inventory`).catch((error) => console.error('inventory service unreachable:', error))
  }
  if (tick % 5 === 0) {
    readFile(`./config/region-${tick % 3}.json`, 'utf8').catch((error) => console.warn('falling back to default config:', error))
  }
  if (tick % 8 === 0) {
    try {
      JSON.parse('{"partner": "acme", "rates": [1.2, 1.')
    } catch (error) {
      console.error('partner rates unreadable:', error)
    }
  }
  if (tick % 9 === 0) {
    const slowUpstream = new Promise((resolve) => setTimeout(resolve, 200))
    const signal = AbortSignal.timeout(20)
    Promise.race([slowUpstream, new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))]).catch((error) =>
      console.warn('shipping quote timed out:', error)
    )
  }
  // A listener per order that is never removed: Node warns once the emitter passes ten.
  orderEvents.on('shipped', () => {})
}

let tick = 0
function processTick() {
  tick++
  const order = makeOrder(tick)
  auditTrail.push({ order, snapshot: JSON.stringify(order), padding: new Array(500).fill(tick) })
  console.debug('tick %d: polling the queue', tick)
  console.log('received order', order)
  console.info(`order ${order.id} from ${order.customer.name}: ${order.items.length} items, total ${order.total.toFixed(2)}`)
  const score = computeFraudScore(order)
  if (score > 900) console.warn(`order ${order.id} has a high fraud score`, { score: Math.round(score) })
  if (tick % 4 === 0) console.warn('audit trail is growing:', auditTrail.length, 'entries')
  try {
    validateOrder(order)
  } catch (error) {
    console.error('validation failed:', error)
  }
  // Rejections that nobody awaits: reported as unhandled, handled by the demo so that it keeps running.
  chargeCard(order).then((receipt) => console.log('charged', receipt))
  if (tick % 6 === 0) {
    setTimeout(() => {
      throw new TypeError(`Cannot read properties of undefined (reading 'address') in order ${order.id}`)
    }, 1)
  }
  checkDependencies(tick)
  if (tick % 10 === 0) process.stdout.write(`[stdout] ${tick} orders processed\n`)
  if (tick >= maxTicks) {
    console.log('demo finished after', tick, 'ticks')
    clearInterval(timer)
    worker.terminate()
  }
}

// Keep running after a throw so that the demo shows many of them; the inspector still reports each one.
process.on('uncaughtException', (error) => process.stderr.write(`demo: uncaught ${error.name}: ${error.message}\n`))
process.on('unhandledRejection', (reason) => process.stderr.write(`demo: unhandled rejection: ${reason?.message ?? reason}\n`))

// The first worker crashes after three jobs (a real uncaught exception); its replacement runs on.
let worker
let generation = 0
function startWorker() {
  generation++
  worker = new Worker(fileURLToPath(new URL('./demoWorker.mjs', import.meta.url)), {
    name: 'image-resizer',
    workerData: { crashAfter: generation === 1 ? 3 : 0 }
  })
  worker.on('error', (error) => {
    console.error(`image-resizer worker crashed (${error.message}), restarting it`)
    startWorker()
  })
}
startWorker()

console.log(`Spyglass demo started (pid ${process.pid}, node ${process.version})`)
// A second copy of the service would listen where the first already does.
const first = net.createServer().listen(0, '127.0.0.1', () => {
  net
    .createServer()
    .on('error', (error) => {
      console.error('admin port taken, admin endpoints disabled:', error)
      first.close()
    })
    .listen(first.address().port, '127.0.0.1')
})
const timer = setInterval(processTick, tickMs)
processTick()
