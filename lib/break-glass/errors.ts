import { ConfigError } from '../config/errors';

/** Process exit codes of `break-glass`, one meaning each (documented in its --help). */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  refused: 3,
  noCredentials: 4,
  accessDenied: 5,
  throttled: 6,
  notFound: 7,
  rolledBack: 8,
  inconsistent: 9,
  open: 10,
  expired: 11,
  drifted: 12,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODE_HELP = `Exit codes:
   0  success; status: SEALED (the SSN policies are the baseline)
   1  unexpected error
   2  invalid arguments or configuration
   3  refused by a safety check (not confirmed, wrong account, policies in another state, too large)
   4  no usable AWS credentials
   5  access denied by AWS
   6  throttled by AWS (retry later)
   7  not found (vault, key alias or stack)
   8  a write failed and what had been written was rolled back: nothing changed, retry is safe
   9  the policies may be left inconsistent (rollback failed, or read-back differs): run status, then close
  10  status: OPEN (a principal has access until the expiry)
  11  status: EXPIRED (an opening is still written but has ended by itself: run close)
  12  status: DRIFTED (the policies are neither the baseline nor a tool's opening)`;

/** A failure with a message for the operator and its exit code; printed without a stack trace. */
export class BreakGlassError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'BreakGlassError';
  }
}

export class UsageError extends BreakGlassError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

export class RefusedError extends BreakGlassError {
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
]);

/** The first line of a message, without its final period (messages here add their own). */
function firstLine(text: string): string {
  return text.split('\n')[0].trim().replace(/\.$/, '');
}

/**
 * Turns any failure into one line for the operator and an exit code: AWS SDK errors by their name,
 * this tool's own errors by their code, anything else as unexpected (still without a stack trace).
 */
export function describeError(error: unknown): { readonly message: string; readonly exitCode: ExitCode } {
  if (error instanceof BreakGlassError) return { message: error.message, exitCode: error.exitCode };
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
    return {
      message: `Access denied by AWS: ${detail}. Use a role of the backup account allowed to read and edit the SSN vault and key policies.`,
      exitCode: EXIT.accessDenied,
    };
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
    return { message: `Cannot reach AWS (${e.code ?? name}): ${detail}.`, exitCode: EXIT.unexpected };
  }
  if (name === 'MalformedPolicyDocumentException') {
    return {
      message: `AWS refused the policy: ${detail}. If it names a principal, check that the role exists.`,
      exitCode: EXIT.refused,
    };
  }
  return { message: `${name || 'Error'}: ${detail}`, exitCode: EXIT.unexpected };
}
