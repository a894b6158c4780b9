import { mkdirSync, writeFileSync } from 'node:fs';
import type { DrillAws } from './aws';
import { join } from 'node:path';
import { stepTitle } from './plan';
import { type DrillRecord, type StepId, stepsOf } from './record';
import { drillVerdict, type DrillVerdict } from './run';

/** The report's JSON form: the record, its verdict, and when the report was written. */
export interface DrillReport {
  readonly format: 'compactconnect-backup-drill-report/1';
  readonly generatedAt: string;
  readonly verdict: DrillVerdict;
  readonly record: DrillRecord;
}

/** What to look at when a step does not pass; the guide's table says the same at more length. */
export const STEP_ADVICE: Readonly<Record<StepId, string>> = {
  prerequisites: 'fix what the message names, then run the drill again (nothing was made)',
  'source-table': "check the source role's DynamoDB permissions; drill --resume <id> retries",
  'source-backup':
    "check the source role (AWSBackupServiceRolePolicyForBackup) and the table's AWS Backup opt-in; drill --resume <id> retries",
  copy: "a copy refused by the destination points at the vault policy (copy-in Sid, organization) or the key policy (source-account key statements, AllowBackupServiceLinkedRoleKeyUse): compare with the key-evidence step and doctor's KMS events; 'cross-account backup is not enabled' means the organization's management account must enable it",
  'key-evidence': 'CloudTrail delivers events within minutes: run npm run doctor later to see them',
  restore:
    'a restore over the target: compare with earlier drills; a refused restore: the restore role and the general key policy',
  verify: 'a restore that differs from what was written is data loss: keep the record and escalate',
  'break-glass-open': 'the SSN policies must be SEALED before a drill opens them: run break-glass status',
  'break-glass-restore':
    "a restore under another key than the SSN key stays readable after close: check the restore metadata's encryptionType and kmsMasterKeyArn",
  'break-glass-verify':
    'a restore that differs from what was written is data loss: keep the record and escalate',
  'break-glass-close': 'run break-glass status, then break-glass close',
  'break-glass-sealed':
    'restored SSN data stayed readable after close: the seal does not hold on the data; check the SSN key policy (DenySSNKeyUseInBackupAccount) and how the table is encrypted',
  'break-glass-cleanup': 'run break-glass status and break-glass cleanup; the drill record names the table',
  cleanup: 'drill --cleanup <id> retries what failed; the record lists each resource',
};

export function drillReport(record: DrillRecord, now: Date): DrillReport {
  return {
    format: 'compactconnect-backup-drill-report/1',
    generatedAt: now.toISOString(),
    verdict: drillVerdict(record),
    record,
  };
}

function duration(startedAt: string, endedAt: string): string {
  const seconds = Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000);
  return seconds < 120 ? `${seconds} s` : `${(seconds / 60).toFixed(1)} min`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The report for people. */
export function markdownReport(report: DrillReport): string {
  const { record } = report;
  const s = record.settings;
  const lines = [
    `# Backup drill ${record.id}: ${report.verdict.toUpperCase()}`,
    '',
    `Started ${record.createdAt}; report written ${report.generatedAt}.`,
    '',
    `- Backup account ${s.backupAccountId} (${s.backupRegion}); source account ${s.sourceAccountId} (${s.sourceRegion}), vault ${s.sourceVaultName}`,
    `- Copy role ${s.copyRoleArn}; restore role ${s.restoreRoleArn}`,
    `- ${s.itemCount} generated items; copies kept ${s.copyRetentionDays} days; restore target ${s.rtoMinutes} minutes`,
    '',
    '| Step | Result | Time | Summary |',
    '| --- | --- | --- | --- |',
  ];
  const steps = stepsOf(record.settings);
  for (const step of steps) {
    const r = record.steps[step];
    lines.push(
      r
        ? `| ${stepTitle(step)} | ${r.status} | ${duration(r.startedAt, r.endedAt)} | ${cell(r.summary)} |`
        : `| ${stepTitle(step)} | not run | | |`,
    );
  }
  const advice = steps.filter((step) => {
    const status = record.steps[step]?.status;
    return status === 'failed' || status === 'error' || status === 'warning';
  });
  if (advice.length > 0) {
    lines.push('', '## What to do');
    for (const step of advice)
      lines.push(`- ${stepTitle(step)}: ${STEP_ADVICE[step].replaceAll('<id>', record.id)}`);
  }
  const kept = [record.steps.copy?.evidence?.general, record.steps.copy?.evidence?.ssn] as (
    | { recoveryPointArn?: string; deleteAt?: string }
    | undefined
  )[];
  if (kept.some((k) => k?.recoveryPointArn)) {
    lines.push('', '## Drill data kept by Vault Lock', '');
    for (const k of kept)
      if (k?.recoveryPointArn)
        lines.push(`- ${k.recoveryPointArn}: expires ${k.deleteAt ?? 'at the end of its retention'}`);
  }
  lines.push('', '## Evidence', '', "Each step's evidence, as AWS reported it:", '', '```json');
  lines.push(
    JSON.stringify(Object.fromEntries(steps.map((s) => [s, record.steps[s]?.evidence ?? null])), null, 2),
  );
  lines.push('```', '');
  return lines.join('\n');
}

/** Writes `<id>.md` and `<id>.report.json` into the folder; returns their paths. */
export function writeReport(
  folder: string,
  report: DrillReport,
): { readonly markdown: string; readonly json: string } {
  mkdirSync(folder, { recursive: true });
  const markdown = join(folder, `${report.record.id}.md`);
  const json = join(folder, `${report.record.id}.report.json`);
  writeFileSync(markdown, markdownReport(report));
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return { markdown, json };
}

/** Where a drill's reports are filed in the evidence bucket. */
export function evidenceKeys(id: string): { readonly markdown: string; readonly json: string } {
  return { markdown: `drills/${id}/report.md`, json: `drills/${id}/report.json` };
}

/**
 * Files both reports in the evidence bucket, where Object Lock keeps every version; returns the
 * object URIs. A rerun (`--resume`) files a new version beside the old one.
 */
export async function fileReport(aws: DrillAws, bucket: string, report: DrillReport): Promise<string[]> {
  const keys = evidenceKeys(report.record.id);
  await aws.backup.putEvidence(bucket, keys.markdown, markdownReport(report), 'text/markdown; charset=utf-8');
  await aws.backup.putEvidence(bucket, keys.json, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
  return [keys.markdown, keys.json].map((key) => `s3://${bucket}/${key}`);
}
