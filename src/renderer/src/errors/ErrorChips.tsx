import type { ErrorCategory, ErrorSeverity } from '../../../shared/errorTypes'

export const categoryLabels: Record<ErrorCategory, string> = {
  network: 'network',
  filesystem: 'filesystem',
  memory: 'memory',
  validation: 'input validation',
  module: 'module loading',
  runtime: 'runtime/type',
  timeout: 'timeout',
  permission: 'permission',
  system: 'system',
  unknown: 'unknown'
}

export function SeverityChip({ severity }: { severity: ErrorSeverity }) {
  return (
    <span className={`sev-chip sev-${severity}`} data-testid="severity-chip">
      {severity}
    </span>
  )
}

export function CategoryChip({ category }: { category: ErrorCategory }) {
  return (
    <span className={`cat-chip cat-${category}`} data-testid="category-chip">
      {categoryLabels[category]}
    </span>
  )
}
