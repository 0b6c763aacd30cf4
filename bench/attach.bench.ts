// Time from request to attached, for each attach mode, beside a bare CDP client in the same run.
import { afterAll, it } from 'vitest'
import { firstInspectorTarget } from '../src/main/targets/inspectorHttp'
import { fixture, newWorkbench, startNode, stdoutLine, stopAllNodes } from '../src/main/targets/test/harness'
import { BareCdpClient } from './bareCdpClient'
import { median, ms, report } from './figures'

const rounds = 7
afterAll(() => stopAllNodes())

async function timeSpyglass(prepare: () => Promise<Parameters<ReturnType<typeof newWorkbench>['invoke']>[1]>): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const request = await prepare()
    const wb = newWorkbench()
    const start = performance.now()
    await wb.invoke('targets.attach', request as never)
    samples.push(performance.now() - start)
    await wb.dispose()
    await stopAllNodes()
  }
  return median(samples)
}

async function timeBare(prepare: () => Promise<string>): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const url = await prepare()
    const start = performance.now()
    const client = await BareCdpClient.connect(url)
    await client.send('Runtime.enable')
    await client.send('Runtime.evaluate', { expression: 'process.pid', returnByValue: true })
    samples.push(performance.now() - start)
    client.close()
    await stopAllNodes()
  }
  return median(samples)
}

it('attach latency', async () => {
  const script = fixture('ticker.cjs')
  const env = { TICK_MS: '1000' }
  const withInspector = async () => {
    const started = startNode(process.execPath, ['--inspect=127.0.0.1:0', script], env)
    return started.inspectorUrl
  }
  const rows = [
    {
      mode: 'launch (node script.js)',
      spyglass: ms(await timeSpyglass(async () => ({ kind: 'launch', command: [process.execPath, script], env }))),
      'bare CDP client': ms(
        await (async () => {
          const samples: number[] = []
          for (let i = 0; i < rounds; i++) {
            const start = performance.now()
            const started = startNode(process.execPath, ['--inspect-brk=127.0.0.1:0', script], env)
            const client = await BareCdpClient.connect(await started.inspectorUrl)
            await client.send('Runtime.enable')
            await client.send('Runtime.runIfWaitingForDebugger')
            samples.push(performance.now() - start)
            client.close()
            await stopAllNodes()
          }
          return median(samples)
        })()
      )
    },
    {
      mode: 'inspector port',
      spyglass: ms(await timeSpyglass(async () => ({ kind: 'port', port: Number(new URL(await withInspector()).port) }))),
      'bare CDP client': ms(
        await timeBare(async () => {
          const port = Number(new URL(await withInspector()).port)
          return (await firstInspectorTarget('127.0.0.1', port)).webSocketDebuggerUrl
        })
      )
    },
    {
      mode: 'WebSocket URL',
      spyglass: ms(await timeSpyglass(async () => ({ kind: 'ws', url: await withInspector() }))),
      'bare CDP client': ms(await timeBare(withInspector))
    },
    {
      mode: 'PID, started without --inspect (SIGUSR1)',
      spyglass: ms(
        await timeSpyglass(async () => {
          const started = startNode(process.execPath, [script], env)
          await stdoutLine(started, 'ready')
          return { kind: 'pid', pid: started.pid }
        })
      ),
      'bare CDP client': 'n/a (has no attach by PID)'
    },
    {
      mode: 'PID, started with --inspect=0',
      spyglass: ms(
        await timeSpyglass(async () => {
          const started = startNode(process.execPath, ['--inspect=0', script], env)
          await started.inspectorUrl
          return { kind: 'pid', pid: started.pid }
        })
      ),
      'bare CDP client': 'n/a (has no attach by PID)'
    }
  ]
  report(`Attach: request → attached, median of ${rounds} (the bare client connects, then enables Runtime and evaluates once, one request at a time; Spyglass pipelines its setup requests)`, rows)
})
