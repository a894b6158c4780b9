import ms from 'ms';
import type { BackupAccountConfig } from '../config/types';
import { partitionOf } from '../policies/partition';
import { DomainError } from '../domain-error';

/** The longest opening allowed unless the operator sets `--max-duration`. */
export const DEFAULT_MAX_DURATION = '12h';

/** At most this many UTF-8 bytes: the reason is stored, hex-encoded, in two Sids. */
export const MAX_REASON_BYTES = 200;

/** Hours, then minutes, each optional: the forms the README documents (not all that `ms` reads). */
const DURATION = /^(?:\d+h)?(?:\d+m)?$/;

/** `2h`, `90m`, `1h30m` → milliseconds (each part converted by `ms`). */
export function parseDuration(text: string, option = '--duration'): number {
  const trimmed = text.trim();
  if (trimmed === '' || !DURATION.test(trimmed)) {
    throw new DomainError(
      'duration-invalid',
      `${option} must be hours and/or minutes such as 2h, 90m or 1h30m, got ${JSON.stringify(text)}`,
    );
  }
  const total = (trimmed.match(/\d+[hm]/g) ?? []).reduce((sum, part) => sum + ms(part as ms.StringValue), 0);
  if (total < 60_000)
    throw new DomainError(
      'duration-invalid',
      `${option} must be at least 1 minute, got ${JSON.stringify(text)}`,
    );
  return total;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}h${m > 0 ? `${m}m` : ''}` : `${m}m`;
}

/** The expiry of an opening that starts now: whole seconds, UTC, as `aws:CurrentTime` compares. */
export function expiryAfter(now: Date, durationMs: number): string {
  const start = Math.floor(now.getTime() / 1000) * 1000;
  return new Date(start + durationMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function checkDuration(durationText: string, maxText: string): number {
  const duration = parseDuration(durationText);
  const max = parseDuration(maxText, '--max-duration');
  if (duration > max) {
    throw new DomainError(
      'duration-invalid',
      `--duration ${durationText} is longer than the maximum of ${formatDuration(max)}; ask for less, or raise --max-duration deliberately`,
    );
  }
  return duration;
}

/** A reason that can be stored and read back: trimmed, one line, at most MAX_REASON_BYTES. */
export function checkReason(reason: string | undefined): string {
  const text = (reason ?? '').trim();
  if (text === '') {
    throw new DomainError(
      'reason-invalid',
      '--reason is required: say why (an incident or ticket reference helps the audit)',
    );
  }
  if (/\p{Cc}/u.test(text))
    throw new DomainError('reason-invalid', '--reason must be one line of text, without control characters');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_REASON_BYTES) {
    throw new DomainError(
      'reason-invalid',
      `--reason must be at most ${MAX_REASON_BYTES} bytes (UTF-8), got ${bytes}: keep it short, and put details in the ticket`,
    );
  }
  return text;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const PATH_PART = /^[\x21-\x7e]+$/;

/**
 * The principal must be an IAM role of the backup account, given by its role ARN with its path
 * (as `aws:PrincipalArn` carries it). Wildcards are refused: `ArnEquals` would match them as patterns.
 */
export function checkPrincipal(arn: string | undefined, config: BackupAccountConfig): string {
  const text = (arn ?? '').trim();
  const partition = partitionOf(config.backupRegion);
  const expected = `arn:${partition}:iam::${config.backupAccountId}:role/`;
  const example = `${expected}YourRestoreRole`;
  if (text === '')
    throw new DomainError('principal-invalid', `--principal is required: an IAM role ARN such as ${example}`);
  if (/[*?]/.test(text))
    throw new DomainError(
      'principal-invalid',
      `--principal must name one role, without wildcards, got ${text}`,
    );
  if (/^arn:[^:]+:sts::\d{12}:assumed-role\//.test(text)) {
    const role = text.split('/')[1];
    throw new DomainError(
      'principal-invalid',
      `--principal is an assumed-role session; give the role's ARN instead (with its path), such as ${expected}${role}`,
    );
  }
  if (!text.startsWith(expected)) {
    const account = /^arn:[^:]+:iam::(\d{12}):/.exec(text)?.[1];
    if (account && account !== config.backupAccountId) {
      throw new DomainError(
        'principal-invalid',
        `--principal must be a role of the backup account ${config.backupAccountId}, got a principal of account ${account}: ${text}`,
      );
    }
    throw new DomainError(
      'principal-invalid',
      `--principal must be an IAM role ARN such as ${example}, got ${text}`,
    );
  }
  const parts = text.slice(expected.length).split('/');
  const name = parts.pop() ?? '';
  if (!ROLE_NAME.test(name) || !parts.every((p) => PATH_PART.test(p))) {
    throw new DomainError(
      'principal-invalid',
      `--principal is not a valid role ARN (role name or path), got ${text}`,
    );
  }
  if (parts[0] === 'aws-service-role') {
    throw new DomainError('principal-invalid', `--principal must not be a service-linked role, got ${text}`);
  }
  return text;
}
