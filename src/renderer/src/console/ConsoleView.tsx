import { useCallback, useMemo, useState } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { useConsole, useModel, useSettings, useUi } from '../workbench/modelContext'
import { propertiesKey } from './consoleStore'
import { createConsoleStorageStore } from './consoleStorage'
import { modKey } from '../hooks/useShortcuts'
import type { ViewProps } from '../workbench/views'
import { ConsoleList } from './ConsoleList'
import { ConsoleToolbar } from './ConsoleToolbar'
import type { RowContext } from './rowContext'
import { formatCount } from './format'
import { StoragePopover } from './StoragePopover'

/** The console of one target: the presenter's state wired into the toolbar and the list. */
export function ConsoleView({ targetId, readOnly }: ViewProps) {
  const model = useModel()
  const actions = model.console.getState()
  const s = useConsole(
    useShallow((st) => ({
      version: st.versions[targetId] ?? 0,
      stats: st.stats[targetId],
      loadState: st.loadState[targetId],
      levels: st.levels,
      search: st.search,
      expanded: st.expanded,
      properties: st.properties
    }))
  )
  const focusRequest = useUi((u) => u.focusSearchRequest)
  // The storage form's presenter lives as long as this view; what it saves goes to the settings.
  const [storageStore] = useState(() => createConsoleStorageStore(model.client, model.settings))
  const storage = useStore(storageStore)
  const settingsRead = useSettings((st) => st.settings !== null)
  const buffer = actions.buffer(targetId)

  const onLoadProperties = useCallback((objectId: string) => void model.console.getState().loadProperties(targetId, objectId), [model, targetId])
  const ctx = useMemo<RowContext>(
    () => ({
      targetId,
      expanded: s.expanded,
      propertiesOf: (objectId) => s.properties[propertiesKey(targetId, objectId)],
      onToggle: (key) => model.console.getState().toggleExpanded(key),
      onLoadProperties
    }),
    [targetId, s.expanded, s.properties, model, onLoadProperties]
  )

  const total = buffer.events.length
  const hidden = total - buffer.filtered.length
  const loadError = typeof s.loadState === 'object' ? s.loadState.error : null
  const empty =
    total > 0
      ? `No messages match the filter (${formatCount(hidden)} hidden).`
      : s.loadState === 'loading'
        ? 'Loading stored messages…'
        : 'No console messages yet. What the target logs, throws or prints appears here as it happens.'

  return (
    <div className="console-view" data-testid="console-view">
      <ConsoleToolbar
        levels={s.levels}
        counts={buffer.counts}
        search={s.search}
        shown={buffer.filtered.length}
        stats={s.stats}
        trimmed={buffer.trimmed}
        focusRequest={focusRequest}
        modKey={modKey}
        onToggleLevel={actions.toggleLevel}
        onSoloLevel={actions.soloLevel}
        onSearch={actions.setSearch}
        onClear={readOnly ? null : () => void actions.clear(targetId)}
        storageOpen={storage.open}
        onStorage={storage.toggle}
        storagePanel={
          storage.open && (
            <StoragePopover
              draft={storage.draft}
              invalid={storage.invalid}
              error={storage.error}
              saving={storage.saving}
              ready={settingsRead}
              stats={s.stats}
              onBudget={storage.setBudget}
              onSampling={storage.setSampling}
              onApply={() => void storage.apply()}
              onClose={storage.hide}
            />
          )
        }
      />
      {loadError && (
        <div className="inline-error slim" data-testid="console-load-error">
          Could not load stored messages: {loadError}
        </div>
      )}
      <ConsoleList events={buffer.filtered} version={s.version} ctx={ctx} empty={empty} />
    </div>
  )
}
