import type { GpuSample } from '../../../shared/metricsTypes'

export interface GpuProcessTableProps {
  gpu: GpuSample | null
  /** The selected target's pid: its row is highlighted. */
  targetPid: number | null
}

/** Every GPU in one line, then the processes using them, the target's own row highlighted. */
export function GpuProcessTable({ gpu, targetPid }: GpuProcessTableProps) {
  return (
    <section className="system-panel" data-testid="gpu-panel">
      <h3 className="system-panel-title">
        GPUs{' '}
        {gpu?.available && (
          <span className="muted">
            · {gpu.gpus.length} · driver {gpu.driverVersion ?? 'unknown'}
          </span>
        )}
      </h3>
      {!gpu ? (
        <div className="muted">Reading nvidia-smi…</div>
      ) : !gpu.available ? (
        <div className="muted" data-testid="gpu-unavailable">
          {gpu.reason}
        </div>
      ) : (
        <>
          <ul className="system-gpus">
            {gpu.gpus.map((g) => (
              <li key={g.uuid} data-testid="gpu-row">
                <b>GPU {g.index}</b> {g.name} · {g.utilizationGpuPct === null ? 'utilization n/a' : `${g.utilizationGpuPct}%`} ·{' '}
                {g.memoryUsedMiB ?? '–'} / {g.memoryTotalMiB ?? '–'} MiB · {g.temperatureC === null ? '–' : `${g.temperatureC} °C`} ·{' '}
                {g.powerDrawW === null ? '–' : `${g.powerDrawW.toFixed(0)} W`}
                {g.powerLimitW !== null && ` of ${g.powerLimitW.toFixed(0)} W`}
                {g.pstate && ` · ${g.pstate}`}
                {g.migEnabled && ` · MIG ×${g.migDevices.length}`}
              </li>
            ))}
          </ul>
          {gpu.processes.length === 0 ? (
            <div className="muted">No processes are using a GPU.</div>
          ) : (
            <table className="system-table system-table-fixed" data-testid="gpu-processes">
              <thead>
                <tr>
                  <th className="num col-pid">PID</th>
                  <th>Process</th>
                  <th className="col-gpu">GPU</th>
                  <th className="col-type">Type</th>
                  <th className="num col-memory">Memory</th>
                </tr>
              </thead>
              <tbody>
                {gpu.processes.map((p) => (
                  <tr key={`${p.gpuUuid}:${p.pid}`} className={p.pid === targetPid ? 'own' : undefined} data-testid="gpu-process-row" data-own={p.pid === targetPid}>
                    <td className="num">{p.pid}</td>
                    <td className="system-process-name" title={p.name}>
                      {p.name || '(unnamed)'}
                      {p.pid === targetPid && <span className="system-badge state-own">this target</span>}
                    </td>
                    <td>GPU {p.gpuIndex}</td>
                    <td>{p.type ?? '–'}</td>
                    <td className="num">{p.usedMemoryMiB === null ? 'n/a' : `${p.usedMemoryMiB} MiB`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  )
}
