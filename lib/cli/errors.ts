import { ConfigError } from '../config/errors';
import { DEFAULT_HINTS, describeAwsFailure, type ErrorHints } from '../aws-errors';
import { DomainError } from '../domain-error';
import { EXIT, type ExitCode } from './exit-codes';
import { AWS_EXIT, exitOfCause } from './outcomes';

/** A failure with a message for the operator and its exit code; printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

export class RefusedError extends CliError {
  constructor(message: string) {
    super(message, EXIT.refused);
    this.name = 'RefusedError';
  }
}

/** The hints for an access denial are the AWS failure's (lib/aws-errors.ts); each tool passes its own. */
export { DEFAULT_HINTS, type ErrorHints } from '../aws-errors';

/**
 * Turns any failure into one line for the operator and an exit code: the tools' own errors by
 * their reason (lib/cli/outcomes.ts), AWS SDK errors by their name, anything else as unexpected
 * (still without a stack trace).
 */
export function describeError(
  error: unknown,
  hints: ErrorHints = DEFAULT_HINTS,
): { readonly message: string; readonly exitCode: ExitCode } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof ConfigError) return { message: error.message, exitCode: EXIT.usage };
  if (error instanceof DomainError)
    return { message: error.message, exitCode: exitOfCause({ reason: error.reason, aws: error.aws }) };
  const { message, kind } = describeAwsFailure(error, hints);
  return { message, exitCode: AWS_EXIT[kind] };
}
