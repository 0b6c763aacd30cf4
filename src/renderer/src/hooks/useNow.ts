import { useEffect, useState } from 'react'

/** The current time, re-read every `intervalMs` while `ticking` (a recording's clock); fixed otherwise. */
export function useNow(ticking: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    setNow(Date.now())
    if (!ticking) return
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs)
    return () => window.clearInterval(timer)
  }, [ticking, intervalMs])
  return now
}
