import { DomainError } from '../../domain-error';
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

/** What `audit` found: the record is intact, or broken (a gap, an altered record, a missing retention). */
export interface AuditResult {
  readonly kind: 'intact' | 'broken';
  readonly bucket: string;
  /** Records in the whole trail. */
  readonly total: number;
  readonly records: readonly AuditLine[];
  /** Gaps, broken links, altered records, records without their retention: any makes the record broken. */
  readonly problems: readonly string[];
}

const DAY_MS = 86_400_000;

function sinceDate(since: string | undefined): number | undefined {
  if (since === undefined) return undefined;
  const time = Date.parse(since);
  if (Number.isNaN(time))
    throw new DomainError(
      'since-invalid',
      `--since must be a date or time such as 2030-03-01 or 2030-03-01T10:00:00Z, not "${since}"`,
    );
  return time;
}

/**
 * Lists the break-glass trail from the evidence bucket and verifies it: every record present and
 * linked to the one before (SHA-256), and each object under Object Lock in compliance mode for the
 * configured retention from its time. audit only reads: there is nothing to plan or apply.
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
    kind: problems.length === 0 ? 'intact' : 'broken',
    bucket: account.bucket,
    total: account.entries.length,
    records,
    problems,
  };
}
