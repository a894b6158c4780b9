import { ConfigError } from '../config/errors';
import { EXIT, type ExitCode } from './exit-codes';

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

const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'TokenRefreshRequired',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
]);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);
const NOT_FOUND = new Set(['ResourceNotFoundException', 'NotFoundException', 'StackNotFound']);
const NETWORK = new Set([
  'TimeoutError',
  'ENOTFOUND',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/** What the operator should do about an access denial; each command says what it needs. */
export interface ErrorHints {
  readonly accessDenied: string;
}

export const DEFAULT_HINTS: ErrorHints = {
  accessDenied: 'Use a role of the backup account allowed to read and edit the SSN vault and key policies.',
};

/** The first line of a message, without its final period (messages here add their own). */
function firstLine(text: string): string {
  return text.split('\n')[0].trim().replace(/\.$/, '');
}

/**
 * Turns any failure into one line for the operator and an exit code: AWS SDK errors by their name,
 * this tool's own errors by their code, anything else as unexpected (still without a stack trace).
 */
export function describeError(
  error: unknown,
  hints: ErrorHints = DEFAULT_HINTS,
): { readonly message: string; readonly exitCode: ExitCode } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof ConfigError) return { message: error.message, exitCode: EXIT.usage };
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: string;
    code?: string;
    message?: string;
  };
  const name = e.name ?? '';
  const detail = firstLine(e.message ?? String(error));
  if (CREDENTIALS.has(name)) {
    return {
      message: `No usable AWS credentials (${name}: ${detail}). Sign in to the backup account (e.g. aws sso login --profile <name>) and pass --profile, or set AWS_PROFILE.`,
      exitCode: EXIT.noCredentials,
    };
  }
  if (ACCESS_DENIED.has(name)) {
    return { message: `Access denied by AWS: ${detail}. ${hints.accessDenied}`, exitCode: EXIT.accessDenied };
  }
  if (THROTTLED.has(name)) {
    return {
      message: `Throttled by AWS (${name}): ${detail}. Wait a minute and retry.`,
      exitCode: EXIT.throttled,
    };
  }
  if (NOT_FOUND.has(name) || (name === 'ValidationError' && /does not exist/.test(detail))) {
    return {
      message: `Not found: ${detail}. Check --region, the account of your credentials, and the vault name in the configuration.`,
      exitCode: EXIT.notFound,
    };
  }
  if (NETWORK.has(name) || NETWORK.has(e.code ?? '')) {
    return {
      message: `Cannot reach AWS (${e.code ?? name}): ${detail}. Check the network connection (and proxy) and retry.`,
      exitCode: EXIT.network,
    };
  }
  if (name === 'MalformedPolicyDocumentException') {
    return {
      message: `AWS refused the policy: ${detail}. If it names a principal, check that the role exists.`,
      exitCode: EXIT.refused,
    };
  }
  return { message: `${name || 'Error'}: ${detail}`, exitCode: EXIT.unexpected };
}
