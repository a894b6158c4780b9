import { EXIT, type ExitCode, UsageError } from '../../cli';
import type { Runtime } from '../runtime';
import { checkedCaller } from '../state';
import { AccountRecord } from '../trail';

export interface AuditOptions {
  /** Only records from this time on (ISO 8601 date or time); the chain is verified whole. */
  readonly since?: string;
}

/** One record of the trail, as `audit` lists it. */
export interface AuditLine {
  readonly sequence: number;
  readonly key: string;
  readonly time: string;
  readonly event: string;
  readonly phase: string;
  readonly outcome: string | null;
  readonly by: string | null;
  readonly retention: { readonly mode: string | null; readonly retainUntil: string | null };
}

export interface AuditResult {
  readonly exitCode: ExitCode;
  readonly bucket: string;
  /** Records in the whole trail. */
  readonly total: number;
  readonly records: readonly AuditLine[];
  /** Gaps, broken links, altered records, records without their retention: any makes the exit code non-zero. */
  readonly problems: readonly string[];
  readonly error?: string;
}

const DAY_MS = 86_400_000;

function sinceDate(since: string | undefined): number | undefined {
  if (since === undefined) return undefined;
  const time = Date.parse(since);
  if (Number.isNaN(time))
    throw new UsageError(
      `--since must be a date or time such as 2030-03-01 or 2030-03-01T10:00:00Z, not "${since}"`,
    );
  return time;
}

/**
 * Lists the break-glass trail from the evidence bucket and verifies it: every record present and
 * linked to the one before (SHA-256), and each object under Object Lock in compliance mode for the
 * configured retention from its time.
 */
export async function runAudit(rt: Runtime, options: AuditOptions = {}): Promise<AuditResult> {
  const since = sinceDate(options.since);
  await checkedCaller(rt);
  const account = await AccountRecord.read(rt);
  const problems = [...account.problems];
  const retentionMs = rt.config.evidence.retentionDays * DAY_MS;
  const records: AuditLine[] = [];
  for (const { key, entry } of account.entries) {
    const retention = await rt.aws.objectRetention(account.bucket, key);
    if (retention.mode !== 'COMPLIANCE')
      problems.push(`${key}: Object Lock mode is ${retention.mode ?? 'none'}, not COMPLIANCE`);
    else if (
      !retention.retainUntil ||
      Date.parse(retention.retainUntil) < Date.parse(entry.time) + retentionMs - DAY_MS
    )
      problems.push(
        `${key}: retained until ${retention.retainUntil ?? 'never'}, shorter than ${rt.config.evidence.retentionDays} days from ${entry.time}`,
      );
    if (since !== undefined && Date.parse(entry.time) < since) continue;
    const r = entry.record;
    records.push({
      sequence: entry.sequence,
      key,
      time: entry.time,
      event: entry.event,
      phase: entry.phase,
      outcome: typeof r.outcome === 'string' ? r.outcome : null,
      by: (r.caller as { arn?: string } | undefined)?.arn ?? null,
      retention: { mode: retention.mode ?? null, retainUntil: retention.retainUntil ?? null },
    });
  }
  return {
    exitCode: problems.length === 0 ? EXIT.ok : EXIT.recordBroken,
    bucket: account.bucket,
    total: account.entries.length,
    records,
    problems,
    ...(problems.length === 0
      ? {}
      : {
          error: `The break-glass record in s3://${account.bucket} is not intact (${problems.length} problem${problems.length > 1 ? 's' : ''}): see above, and find out who wrote to the bucket.`,
        }),
  };
}

export function auditText(r: AuditResult): string[] {
  const lines = [`Break-glass record in s3://${r.bucket}: ${r.total} record${r.total === 1 ? '' : 's'}.`];
  for (const l of r.records)
    lines.push(
      `  ${String(l.sequence).padStart(4)}  ${l.time}  ${`${l.event} (${l.phase})`.padEnd(24)} ${(l.outcome ?? '').padEnd(22)} ${l.by ?? ''}`,
    );
  if (r.problems.length === 0)
    lines.push(
      'Chain intact: every record present, each linked to the one before; all under Object Lock (COMPLIANCE).',
    );
  else {
    lines.push('NOT INTACT:');
    for (const p of r.problems) lines.push(`  ${p}`);
  }
  return lines;
}
