// A stand-in for nvidia-smi in tests, the e2e run and the bench: it answers `-q -x` with a real
// document captured from a real machine (../shared/fixtures/nvidia-smi/*.xml), once or, with
// `-l S` / `-lms N`, every interval like the real loop mode. Environment:
//   FAKE_NVIDIA_SMI_XML       the captured document(s) to replay, separated by the path
//                             delimiter; a loop cycles through them
//   FAKE_NVIDIA_SMI_MODE      hang (never answers, like a hung driver), fail (the message of a
//                             missing driver, exit 9), nodevice ("No devices were found", exit 6)
//   FAKE_NVIDIA_SMI_PID_FILE  a file holding a pid: when it exists, that pid stands in for the
//                             first GPU process of the capture (so that a local target is "on" a GPU)
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

const args = process.argv.slice(2)
const mode = process.env.FAKE_NVIDIA_SMI_MODE ?? ''

if (mode === 'hang') {
  // Like nvidia-smi blocked on a driver that does not answer: alive, silent.
  setInterval(() => undefined, 60_000)
} else if (mode === 'fail') {
  process.stdout.write("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n\n")
  process.exit(9)
} else if (mode === 'nodevice') {
  process.stdout.write('No devices were found\n')
  process.exit(6)
} else {
  if (!(args.includes('-q') && args.includes('-x'))) {
    process.stderr.write(`fake nvidia-smi: only -q -x is replayed, got ${args.join(' ')}\n`)
    process.exit(2)
  }
  const files = (process.env.FAKE_NVIDIA_SMI_XML ?? '').split(path.delimiter).filter(Boolean)
  if (files.length === 0) {
    process.stderr.write('fake nvidia-smi: FAKE_NVIDIA_SMI_XML names no capture\n')
    process.exit(2)
  }
  const documents = files.map((file) => readFileSync(file, 'utf8'))
  const loopAt = (flag, scale) => {
    const i = args.indexOf(flag)
    return i === -1 ? null : Number(args[i + 1]) * scale
  }
  const intervalMs = loopAt('-lms', 1) ?? loopAt('-l', 1000)
  let n = 0
  const write = () => {
    let document = documents[n++ % documents.length]
    const pidFile = process.env.FAKE_NVIDIA_SMI_PID_FILE
    if (pidFile && existsSync(pidFile)) {
      const pid = readFileSync(pidFile, 'utf8').trim()
      document = document.replace(/(<process_info>[\s\S]*?<pid>)\s*\d+\s*(<\/pid>)/, `$1${pid}$2`)
    }
    process.stdout.write(document.endsWith('\n') ? document : `${document}\n`)
  }
  write()
  if (intervalMs !== null) setInterval(write, intervalMs)
}
