/**
 * The name of an AWS SDK error (`ResourceNotFoundException`, say), for the calls that treat one
 * name as an answer rather than a failure; undefined for anything that carries no name.
 */
export function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { name?: string }).name : undefined;
}

/** What kind of failure an AWS call (or anything else thrown) is, by the SDK error's name or code. */
export type AwsFailure =
  | 'credentials'
  | 'access-denied'
  | 'throttled'
  | 'not-found'
  | 'network'
  | 'malformed-policy'
  | 'unexpected';

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

/** What the operator should do about an access denial; each tool says what it needs. */
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

/** An AWS failure as one line for the operator, with its kind. */
export function describeAwsFailure(
  error: unknown,
  hints: ErrorHints = DEFAULT_HINTS,
): { readonly message: string; readonly kind: AwsFailure } {
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
      kind: 'credentials',
    };
  }
  if (ACCESS_DENIED.has(name)) {
    return { message: `Access denied by AWS: ${detail}. ${hints.accessDenied}`, kind: 'access-denied' };
  }
  if (THROTTLED.has(name)) {
    return { message: `Throttled by AWS (${name}): ${detail}. Wait a minute and retry.`, kind: 'throttled' };
  }
  if (NOT_FOUND.has(name) || (name === 'ValidationError' && /does not exist/.test(detail))) {
    return {
      message: `Not found: ${detail}. Check --region, the account of your credentials, and the vault name in the configuration.`,
      kind: 'not-found',
    };
  }
  if (NETWORK.has(name) || NETWORK.has(e.code ?? '')) {
    return {
      message: `Cannot reach AWS (${e.code ?? name}): ${detail}. Check the network connection (and proxy) and retry.`,
      kind: 'network',
    };
  }
  if (name === 'MalformedPolicyDocumentException') {
    return {
      message: `AWS refused the policy: ${detail}. If it names a principal, check that the role exists.`,
      kind: 'malformed-policy',
    };
  }
  return { message: `${name || 'Error'}: ${detail}`, kind: 'unexpected' };
}
