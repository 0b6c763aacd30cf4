// The profiler store's library: the profiles the engine holds (listed, imported, exported,
// removed, loading progress) and capturing new ones from the target shown. Which profile is
// shown is the analysis slice's; this one picks it when the list changes.
import type { WorkbenchApi } from '../../../shared/api'
import type { ProfileInfo } from '../../../shared/profilerApi'
import { shellQuery } from '../api/shellQuery'
import type { ProfileAnalysisSlice } from './profileAnalysisSlice'
import { isCpuProfileName, pickProfile, sortProfiles, startParams, type ProfileFileTransfer } from './profilerFacts'
import type { ProfileLibraryActions, ProfileLibraryState, ProfilerSliceContext } from './profilerStoreTypes'

export function createProfileLibrarySlice(
  api: WorkbenchApi,
  files: ProfileFileTransfer,
  { set, get, selected, fail }: ProfilerSliceContext,
  { select, loadData }: Pick<ProfileAnalysisSlice, 'select' | 'loadData'>
): ProfileLibraryState & ProfileLibraryActions {
  let listToken = 0
  /** Profiles seen so far: a newly captured one of the shown target is selected when it appears. */
  const known = new Set<string>()
  const shell = shellQuery(api, () => get().shell, (learned) => set({ shell: learned }))

  const setList = (list: ProfileInfo[]): void => {
    const before = selected()
    const fresh = list.filter((p) => !known.has(p.id))
    for (const p of list) known.add(p.id)
    const progress = { ...get().progress }
    for (const id of Object.keys(progress)) if (!list.some((p) => p.id === id && p.state === 'loading')) delete progress[id]
    set({ profiles: sortProfiles(list), listLoaded: true, progress })
    const { viewTarget, selectedId } = get()
    // A new capture of the target shown, or the profiles of a session just opened (its target is shown then).
    const arrived = sortProfiles(fresh).find((p) => p.source !== 'import' && p.targetId !== null && p.targetId === viewTarget)
    if (arrived) return select(arrived.id)
    const now = selected()
    if (!now) return select(pickProfile(list, viewTarget))
    if (now.id === selectedId && now.state === 'ready' && before?.state !== 'ready') void loadData()
  }

  /** An imported or captured profile is shown; one already shown (listed and picked meanwhile) is left as it is. */
  const imported = (profile: ProfileInfo | null): void => {
    if (!profile) return
    known.add(profile.id)
    set((s) => ({ profiles: sortProfiles([...s.profiles.filter((p) => p.id !== profile.id), profile]) }))
    if (get().selectedId !== profile.id) select(profile.id)
  }

  /** Runs a start or stop of a capture, one at a time per target. */
  const capturing = async (targetId: string, kind: 'start' | 'stop', what: string, work: () => Promise<void>): Promise<void> => {
    if (get().pendingCapture[targetId]) return
    set((s) => ({ pendingCapture: { ...s.pendingCapture, [targetId]: kind }, error: null }))
    try {
      await work()
    } catch (error) {
      fail(what, error)
    } finally {
      set((s) => {
        const pendingCapture = { ...s.pendingCapture }
        delete pendingCapture[targetId]
        return { pendingCapture }
      })
    }
  }

  return {
    shell: null,
    profiles: [],
    listLoaded: false,
    progress: {},
    captures: {},
    pendingCapture: {},
    captureOptions: { intervalUs: null, durationMs: null, untilBreakpoint: false, callCounts: false },
    viewTarget: null,
    importing: null,
    pickRequest: 0,
    error: null,

    async load() {
      const token = ++listToken
      try {
        const list = await api.invoke('profiler.list', undefined)
        if (token === listToken) setList(list)
      } catch (error) {
        if (token === listToken) fail('Could not list the profiles', error)
      }
      const target = get().viewTarget
      if (target && get().captures[target] !== undefined) {
        try {
          get().handleCapture(await api.invoke('profiler.status', { targetId: target }))
        } catch (error) {
          fail('Could not read the capture state', error)
        }
      }
    },

    show(targetId, readOnly) {
      const previous = get().viewTarget
      set({ viewTarget: targetId })
      const current = selected()
      const ofTarget = targetId === null ? null : pickProfile(get().profiles.filter((p) => p.targetId === targetId), targetId)
      if (!get().listLoaded) void get().load()
      else if (!current) select(pickProfile(get().profiles, targetId))
      // Another target shown: its own newest profile, unless the one shown is already of it.
      else if (targetId !== previous && ofTarget && current.targetId !== targetId) select(ofTarget)
      if (targetId && !readOnly) {
        api.invoke('profiler.status', { targetId }).then(
          (status) => get().handleCapture(status),
          (error: unknown) => fail('Could not read the capture state', error)
        )
      }
    },

    handleChanged(list) {
      listToken++
      setList(list)
    },

    handleCapture(status) {
      set((s) => ({ captures: { ...s.captures, [status.targetId]: status } }))
    },

    handleProgress(progress) {
      set((s) => {
        const next = { ...s.progress }
        if (progress.phase === 'done' || progress.phase === 'failed') delete next[progress.profileId]
        else next[progress.profileId] = progress
        return { progress: next }
      })
    },

    setCaptureOptions(patch) {
      set((s) => ({ captureOptions: { ...s.captureOptions, ...patch } }))
    },

    startCapture(targetId) {
      return capturing(targetId, 'start', 'Could not start profiling', async () => {
        get().handleCapture(await api.invoke('profiler.start', startParams(targetId, get().captureOptions)))
      })
    },

    stopCapture(targetId) {
      return capturing(targetId, 'stop', 'Could not stop profiling', async () => {
        const profile = await api.invoke('profiler.stop', { targetId })
        const status = get().captures[targetId]
        if (status?.running) get().handleCapture({ ...status, running: false, startedAt: null, stopsOn: null, stopsAt: null })
        imported(profile)
      })
    },

    async importDialog() {
      set({ error: null })
      try {
        if ((await shell()) === 'electron') imported(await api.invoke('profiler.import', {}))
        else set((s) => ({ pickRequest: s.pickRequest + 1 }))
      } catch (error) {
        fail('Could not import the profile', error)
      }
    },

    async importFile(file) {
      set({ error: null })
      if (!isCpuProfileName(file.name)) {
        set({ error: `Only .cpuprofile files can be imported as profiles (not ${file.name})` })
        return
      }
      if (get().importing) return
      try {
        let path: string | null
        if ((await shell()) === 'electron') {
          path = files.pathOf(file)
          if (!path) throw new Error('the desktop app could not tell where the file is')
        } else {
          set({ importing: { name: file.name, phase: 'upload' } })
          path = await files.upload(file)
        }
        set({ importing: { name: file.name, phase: 'import' } })
        imported(await api.invoke('profiler.import', { path, name: file.name }))
      } catch (error) {
        fail(`Could not import ${file.name}`, error)
      } finally {
        set({ importing: null })
      }
    },

    async exportProfile(profileId) {
      set({ error: null })
      try {
        if ((await shell()) === 'electron') await api.invoke('profiler.export', { profileId })
        else await files.download(profileId)
      } catch (error) {
        fail('Could not export the profile', error)
      }
    },

    async removeProfile(profileId) {
      try {
        await api.invoke('profiler.remove', { profileId })
        const rest = get().profiles.filter((p) => p.id !== profileId)
        set({ profiles: rest })
        if (get().selectedId === profileId) select(pickProfile(rest, get().viewTarget))
      } catch (error) {
        fail('Could not remove the profile', error)
      }
    },

    dismissError() {
      set({ error: null })
    }
  }
}
