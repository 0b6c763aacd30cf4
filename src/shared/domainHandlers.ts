// Types for the engine side of the contract: the handlers a domain writes for its requests.
import type { ApiRequests, RequestName } from './api'

/** Handlers for one domain's requests: `R` is its `…Requests` interface (name → params → result). */
export type DomainHandlers<R> = {
  [N in keyof R]: R[N] extends { params: infer P; result: infer Q } ? (params: P) => Promise<Q> | Q : never
}

/** The requests whose names start with `<prefix>.`: one domain's part of the contract. */
export type RequestsOf<P extends string> = Pick<ApiRequests, Extract<RequestName, `${P}.${string}`>>
