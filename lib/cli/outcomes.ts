import type { AppOutcome } from '../app';
import type { AwsFailure } from '../aws-errors';
import type { AuditResult } from '../break-glass/commands/audit';
import type { CleanupOutcome } from '../break-glass/commands/cleanup';
import type { CloseOutcome } from '../break-glass/commands/close';
import type { OpenOutcome } from '../break-glass/commands/open';
import type { StatusSeal } from '../break-glass/commands/status';
import type { WriteFailure } from '../break-glass/transaction';
import type { DomainReason, FailureCause } from '../domain-error';
import { EXIT, type ExitCode } from './exit-codes';

/**
 * The one place where what the operator's tools found or did becomes an exit code: each outcome
 * kind, refusal reason and AWS failure (docs/break-glass.md has the table of codes).
 */
export const AWS_EXIT: Readonly<Record<AwsFailure, ExitCode>> = {
  credentials: EXIT.noCredentials,
  'access-denied': EXIT.accessDenied,
  throttled: EXIT.throttled,
  'not-found': EXIT.notFound,
  network: EXIT.network,
  'malformed-policy': EXIT.refused,
  unexpected: EXIT.unexpected,
};

/**
 * A reason's exit code; `aws`: the AWS failure's own code; `aws-or-refused`: the same, but refused
 * when the failure is not one AWS names (a record that cannot be written is a refusal to act).
 */
export const REASON_EXIT: Readonly<Record<DomainReason, ExitCode | 'aws' | 'aws-or-refused'>> = {
  'principal-invalid': EXIT.usage,
  'reason-invalid': EXIT.usage,
  'duration-invalid': EXIT.usage,
  'since-invalid': EXIT.usage,
  'accept-reason-missing': EXIT.usage,
  'option-invalid': EXIT.usage,
  'wrong-account': EXIT.refused,
  'alias-drift': EXIT.refused,
  'policies-not-openable': EXIT.refused,
  'key-policy-unsafe': EXIT.refused,
  'baseline-not-in-template': EXIT.refused,
  'not-restored-here': EXIT.refused,
  'not-the-restored-table': EXIT.refused,
  'table-changed': EXIT.refused,
  'not-confirmed': EXIT.refused,
  'no-terminal': EXIT.refused,
  'record-taken': EXIT.refused,
  'record-unwritable': 'aws-or-refused',
  'no-backup-name': EXIT.refused,
  'outcome-unrecorded': EXIT.inconsistent,
  'stack-output-missing': EXIT.notFound,
  'template-unreadable': 'aws',
};

/** The exit code of a failure's cause: the tool's reason first, else the AWS failure. */
export function exitOfCause(cause: FailureCause): ExitCode {
  const aws = AWS_EXIT[cause.aws ?? 'unexpected'];
  if (cause.reason === undefined) return aws;
  const code = REASON_EXIT[cause.reason];
  if (code === 'aws') return aws;
  if (code === 'aws-or-refused') return aws === EXIT.unexpected ? EXIT.refused : aws;
  return code;
}

/** A failed write of the SSN policies: rolled back, inconsistent, or the AWS failure when nothing changed. */
export function writeFailureExit(failure: WriteFailure): ExitCode {
  switch (failure.stage) {
    case 'first':
    case 'second':
      return failure.firstWritten ? EXIT.inconsistent : AWS_EXIT[failure.causeKind];
    case 'rollback':
    case 'read-back':
      return EXIT.inconsistent;
    case 'rolled-back':
      return EXIT.rolledBack;
  }
}

/** Each command's outcome kinds; `write-failed` and `delete-failed` depend on what failed. */
export const OUTCOME_EXIT = {
  status: {
    sealed: EXIT.ok,
    'sealed-restored-data-remains': EXIT.restoredDataRemains,
    open: EXIT.open,
    expired: EXIT.expired,
    drifted: EXIT.drifted,
  },
  open: { planned: EXIT.ok, opened: EXIT.ok, unchanged: EXIT.ok },
  close: { sealed: EXIT.ok, 'restored-data-remains': EXIT.restoredDataRemains },
  cleanup: { planned: EXIT.ok, deleted: EXIT.ok, 'restored-data-remains': EXIT.restoredDataRemains },
  audit: { intact: EXIT.ok, broken: EXIT.recordBroken },
  app: { synthesized: EXIT.ok, 'configuration-error': EXIT.usage },
} as const satisfies Readonly<Record<string, Readonly<Record<string, ExitCode>>>>;

export function statusExit(seal: Pick<StatusSeal, 'kind'>): ExitCode {
  return OUTCOME_EXIT.status[seal.kind];
}

export function openExit(outcome: OpenOutcome): ExitCode {
  if (outcome.kind === 'write-failed') return writeFailureExit(outcome.failure);
  if (outcome.kind === 'refused') return exitOfCause({ reason: outcome.reason });
  return OUTCOME_EXIT.open[outcome.kind];
}

export function closeExit(outcome: CloseOutcome): ExitCode {
  if (outcome.kind === 'write-failed') return writeFailureExit(outcome.failure);
  return OUTCOME_EXIT.close[outcome.kind];
}

export function cleanupExit(outcome: CleanupOutcome): ExitCode {
  if (outcome.kind === 'delete-failed') return exitOfCause(outcome.cause);
  if (outcome.kind === 'refused') return exitOfCause({ reason: outcome.reason });
  return OUTCOME_EXIT.cleanup[outcome.kind];
}

export function auditExit(outcome: Pick<AuditResult, 'kind'>): ExitCode {
  return OUTCOME_EXIT.audit[outcome.kind];
}

/** The CDK app's entry point (bin/app.ts). */
export function appExit(outcome: AppOutcome): ExitCode {
  return OUTCOME_EXIT.app[outcome];
}
