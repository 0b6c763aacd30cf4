// The debugger toolbar's icons, drawn as DevTools and VS Code draw them so that users recognise them.
const base = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true } as const

export function ResumeIcon() {
  return (
    <svg {...base}>
      <path d="M3 3v10" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      <path d="M6 3l7 5-7 5z" fill="currentColor" />
    </svg>
  )
}

export function PauseIcon() {
  return (
    <svg {...base}>
      <rect x="4" y="3" width="2.6" height="10" rx="0.6" fill="currentColor" />
      <rect x="9.4" y="3" width="2.6" height="10" rx="0.6" fill="currentColor" />
    </svg>
  )
}

export function StepOverIcon() {
  return (
    <svg {...base}>
      <path d="M2.5 9a5.5 5.5 0 0 1 10.6-2" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <path d="M13.8 3.6v3.8H10" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="8" cy="12.5" r="1.8" fill="currentColor" />
    </svg>
  )
}

export function StepIntoIcon() {
  return (
    <svg {...base}>
      <path d="M8 1.5v7" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <path d="M4.8 5.6L8 8.8l3.2-3.2" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="8" cy="12.8" r="1.8" fill="currentColor" />
    </svg>
  )
}

export function StepOutIcon() {
  return (
    <svg {...base}>
      <path d="M8 9V2" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <path d="M4.8 5.2L8 2l3.2 3.2" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="8" cy="12.8" r="1.8" fill="currentColor" />
    </svg>
  )
}

/** Breakpoints on/off for the whole target (DevTools' "deactivate breakpoints"). */
export function BreakpointsOffIcon({ off }: { off: boolean }) {
  return (
    <svg {...base}>
      <path d="M2 4.5h8.5l3 3.5-3 3.5H2z" fill={off ? 'none' : 'currentColor'} stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
      {off && <path d="M2 14L14 2" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />}
    </svg>
  )
}
