// The profiler domain: .cpuprofile import (a streaming parser), the model (call tree, function
// table, attribution, flame chart, sandwich) and loadProfile, which runs them inline or in a
// worker. Capture from live targets builds on the same model (issue 5).
export { CpuProfileParser, parseCpuProfileBytes, type ParsedCpuProfile } from './cpuProfileParser'
export { parseCpuProfileFile, profileFileSize, type FileProgress } from './profileFile'
export { buildProfileModel, profileCategories, type ProfileFunctionColumns, type ProfileGroupColumns, type ProfileModel, type ProfileSampleColumns } from './profileModel'
export { functionRows, groupRows, profileReport, summarizeProfile, type FunctionRowOptions } from './profileRows'
export { buildFlameChart } from './flameChart'
export { sandwich, type ProfileSandwich } from './sandwich'
export { classifyFrame, npmPackageOf, type FrameOwner } from './attribution'
export { computeProfile, type ComputedProfile, type ComputeProfileOptions, type ProfileLoadProgress } from './profileCompute'
export { loadProfile, workerThresholdBytes, type LoadedProfile, type LoadProfileOptions } from './profileWorker'
export { profilerSessionPart, type SessionProfile } from './profilerSessionPart'
export { createProfilerDomain, type ProfilerDomain } from './profilerDomain'
export { ProfilerService } from './profilerService'
