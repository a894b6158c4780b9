import { type AwsFailure, describeAwsFailure } from './aws-errors';

/**
 * Why the operator's tools stop, as a typed reason. The command line alone turns a reason into an
 * exit code (lib/cli/outcomes.ts); the domain only says what happened.
 */
export type DomainReason =
  // The operator's input is not valid.
  | 'principal-invalid'
  | 'reason-invalid'
  | 'duration-invalid'
  | 'since-invalid'
  | 'accept-reason-missing'
  | 'option-invalid'
  // A safety check refuses.
  | 'wrong-account'
  | 'alias-drift'
  | 'policies-not-openable'
  | 'key-policy-unsafe'
  | 'baseline-not-in-template'
  | 'not-restored-here'
  | 'not-the-restored-table'
  | 'table-changed'
  | 'not-confirmed'
  | 'no-terminal'
  // The record in the evidence bucket.
  | 'record-taken'
  | 'record-unwritable'
  | 'no-backup-name'
  | 'outcome-unrecorded'
  // The deployed stack.
  | 'stack-output-missing'
  | 'template-unreadable';

/** A failure of the operator's tools with its typed reason, and the AWS failure behind it when there is one. */
export class DomainError extends Error {
  constructor(
    readonly reason: DomainReason,
    message: string,
    /** The kind of AWS failure that caused it (a record or template that could not be read or written). */
    readonly aws?: AwsFailure,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** What caused a failure: the tool's own reason, the AWS failure, or both. */
export interface FailureCause {
  readonly reason?: DomainReason;
  readonly aws?: AwsFailure;
}

/** Any failure as one line for the operator, with its cause. */
export function describeFailure(error: unknown): { readonly message: string; readonly cause: FailureCause } {
  if (error instanceof DomainError)
    return {
      message: error.message,
      cause: { reason: error.reason, ...(error.aws ? { aws: error.aws } : {}) },
    };
  const { message, kind } = describeAwsFailure(error);
  return { message, cause: { aws: kind } };
}
