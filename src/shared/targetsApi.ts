// The targets domain's part of the API contract: find Node processes, attach to them (or launch
// one), and the list of every target this workbench knows.
import { z } from 'zod'
import { defineEvents, defineRequests, noParams, payload, result, type EventTypes, type RequestTypes } from './contract'
import type { AttachRequest, LocalNodeProcess, TargetInfo } from './targetTypes'

const targetId = z.object({ targetId: z.string().min(1) })

const attachRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('launch'),
    command: z.array(z.string()).min(1),
    cwd: z.string().optional(),
    env: z.record(z.string(), z.string()).optional()
  }),
  z.object({ kind: z.literal('port'), port: z.number().int().min(1).max(65535), host: z.string().optional() }),
  z.object({ kind: z.literal('ws'), url: z.string().min(1) }),
  z.object({ kind: z.literal('pid'), pid: z.number().int().positive() })
]) satisfies z.ZodType<AttachRequest>

export const targetsRequests = defineRequests({
  /** Node processes on this machine, with their inspector endpoint when one is active. */
  'targets.discover': { params: noParams, result: result<LocalNodeProcess[]>() },
  /** Every target this workbench knows, attached or ended, workers included. */
  'targets.list': { params: noParams, result: result<TargetInfo[]>() },
  'targets.attach': { params: attachRequest, result: result<TargetInfo>() },
  /** Launch the bundled demo program under the inspector. */
  'targets.launchDemo': { params: noParams, result: result<TargetInfo>() },
  'targets.detach': { params: targetId, result: result<void>() },
  /** Forget an ended target and its events. */
  'targets.remove': { params: targetId, result: result<void>() }
})

export const targetsEvents = defineEvents({
  /** The whole target list, whenever any target changes (the list is small). */
  'targets.changed': payload<TargetInfo[]>()
})

export type TargetsRequests = RequestTypes<typeof targetsRequests>
export type TargetsEvents = EventTypes<typeof targetsEvents>
