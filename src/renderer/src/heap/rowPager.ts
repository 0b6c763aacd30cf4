// The one pager of the heap's tables: a list of rows the engine answers a page at a time (the
// summary's constructors, a comparison's rows, a constructor's objects), fetched from the top
// when the question changes and a page more as the table scrolls. An answer to an older question
// is dropped.
import { errorMessage } from '../api/apiError'

/** Rows fetched per request. */
export const heapPageSize = 200

export interface RowPage<Row> {
  status: 'idle' | 'loading' | 'loaded'
  rows: Row[]
  total: number
  error: string | null
}

export const emptyPage = <Row>(): RowPage<Row> => ({ status: 'idle', rows: [], total: 0, error: null })

export interface RowPager {
  /** The first page of the current question. */
  restart(): Promise<void>
  /** The next page, once the current one is in and more rows remain. */
  more(): Promise<void>
  /** Answers on their way are dropped. */
  cancel(): void
}

export interface RowPagerOptions<Row> {
  read(): RowPage<Row>
  write(update: (page: RowPage<Row>) => RowPage<Row>): void
  /** How to ask for rows from `offset`, or null while there is nothing to ask (no analysed snapshot…). */
  query(): ((offset: number, limit: number) => Promise<{ rows: Row[]; total: number }>) | null
}

export function createRowPager<Row>({ read, write, query }: RowPagerOptions<Row>): RowPager {
  let token = 0

  const fetch = async (more: boolean): Promise<void> => {
    const ask = query()
    if (!ask) return
    const mine = more ? token : ++token
    const offset = more ? read().rows.length : 0
    write((page) => ({ ...page, status: more ? page.status : 'loading' }))
    try {
      const page = await ask(offset, heapPageSize)
      if (mine !== token) return
      write((before) => ({ status: 'loaded', rows: more ? [...before.rows, ...page.rows] : page.rows, total: page.total, error: null }))
    } catch (error) {
      if (mine === token) write((before) => ({ ...before, status: 'loaded', error: errorMessage(error) }))
    }
  }

  return {
    restart: () => fetch(false),
    async more() {
      const page = read()
      if (page.status !== 'loaded' || page.rows.length >= page.total) return
      await fetch(true)
    },
    cancel() {
      token++
    }
  }
}
