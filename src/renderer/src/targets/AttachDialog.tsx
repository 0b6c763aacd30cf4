import { useEffect, useRef } from 'react'
import type { AttachActions, AttachState, AttachTab } from './attachStore'
import { attachTabs } from './attachStore'
import { Dialog } from '../components/Dialog'
import { ProcessTable } from './ProcessTable'

const tabTitles: Record<AttachTab, string> = { processes: 'Processes', port: 'Port', ws: 'WebSocket URL', launch: 'Launch' }

const fieldOf = { port: 'port', ws: 'wsUrl', launch: 'command' } as const

const fieldInfo = {
  port: { label: 'Inspector port on 127.0.0.1', placeholder: '9229', hint: 'A Node process started with --inspect (default port 9229).' },
  ws: { label: 'Inspector WebSocket URL', placeholder: 'ws://127.0.0.1:9229/0f2c…', hint: 'As printed by node --inspect ("Debugger listening on ws://…").' },
  launch: { label: 'Command line', placeholder: 'node server.js --port 3000', hint: 'Runs the program under the inspector. Quotes group words: node -e "console.log(1)".' }
} as const

export interface AttachDialogProps {
  state: AttachState
  actions: AttachActions
}

export function AttachDialog({ state, actions }: AttachDialogProps) {
  const inputRef = useRef<HTMLInputElement>(null)
  useEffect(() => {
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [state.tab])
  const busy = state.pending !== null
  const tab = state.tab

  return (
    <Dialog title="Attach to a Node.js process" onClose={actions.hide} testId="attach-dialog" wide>
      <div className="tabs" role="tablist">
        {attachTabs.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={state.tab === tab}
            className={state.tab === tab ? 'tab active' : 'tab'}
            onClick={() => actions.setTab(tab)}
            data-testid={`attach-tab-${tab}`}
          >
            {tabTitles[tab]}
          </button>
        ))}
      </div>
      {tab === 'processes' ? (
        <ProcessTable
          processes={state.processes}
          loading={state.processesState === 'loading'}
          error={state.processesError}
          pending={state.pending}
          onRefresh={() => void actions.refreshProcesses()}
          onAttach={(pid) => void actions.attachPid(pid)}
        />
      ) : (
        <form
          className="attach-form"
          onSubmit={(e) => {
            e.preventDefault()
            void actions.submit()
          }}
        >
          <label className="field">
            <span className="field-label">{fieldInfo[tab].label}</span>
            <input
              ref={inputRef}
              className="input mono"
              value={state[fieldOf[tab]]}
              placeholder={fieldInfo[tab].placeholder}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => actions.setField(fieldOf[tab], e.target.value)}
              data-testid={`attach-input-${tab}`}
            />
            <span className="field-hint">{fieldInfo[tab].hint}</span>
          </label>
          <div className="dialog-buttons">
            <button type="button" className="btn" onClick={actions.hide}>
              Cancel
            </button>
            <button type="submit" className="btn primary" disabled={busy} data-testid="attach-submit">
              {busy ? 'Attaching…' : tab === 'launch' ? 'Launch' : 'Attach'}
            </button>
          </div>
        </form>
      )}
      {state.error && (
        <div className="inline-error" role="alert" data-testid="attach-error" title={state.error}>
          {state.error}
        </div>
      )}
    </Dialog>
  )
}
