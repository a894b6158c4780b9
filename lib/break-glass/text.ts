import type { AuditResult } from './commands/audit';
import type { CloseOutcome } from './commands/close';
import type { CleanupOutcome, CleanupPlan } from './commands/cleanup';
import type { OpenOutcome, OpenPlan } from './commands/open';
import type { StatusResult } from './commands/status';
import type { PolicyName, PolicyState } from '../seal/state';
import { comparedWith, describePolicyState } from '../seal/text';
import type { Descendant } from './descendants';
import { remains, type RestoredData, type RestoredItem, unacceptedDescendants } from './restored';
import { span } from './state';
import type { WriteFailure, WriteOutcome } from './transaction';

/** The text form of each command's outcome: what an operator reads. Tests check the outcomes. */

function driftLines(name: PolicyName, state: PolicyState): string[] {
  const lines = [`  ${describePolicyState(name, state)}`];
  if (state.kind !== 'drifted' || state.diff.length === 0) return lines;
  lines.push(`    diff against ${comparedWith(state.drift)} (- expected, + deployed):`);
  for (const line of state.diff) lines.push(`      ${line}`);
  return lines;
}

const RESOURCE_TEXT: Record<RestoredItem['resource'], string> = {
  exists: 'still exists',
  deleted: 'deleted',
  mismatch: 'a table exists under this ARN that this job did not restore',
  pending: 'the job is still running: a table may appear',
  none: 'nothing was created',
  unknown: 'not a DynamoDB table: check it by hand',
};

const DESCENDANT_TEXT: Record<Descendant['kind'], string> = {
  backup: 'backup',
  'point-in-time-recovery': 'point-in-time recovery',
  export: 'export',
  replica: 'replica',
  table: 'table',
  'recovery-point': 'recovery point',
};

/** Which key a restored table is under: only the SSN key keeps it sealed after close. */
function keyText(item: RestoredItem, sealKeyArn: string | undefined): string {
  if (sealKeyArn === undefined || item.resource !== 'exists' || !item.table) return '';
  const key = item.table.kmsKeyArn;
  if (key === sealKeyArn) return ' (encrypted with the SSN key)';
  return ` (encrypted with ${key ?? 'an AWS owned key'}, NOT the SSN key: close does not seal it)`;
}

/** One line for the restore job, and one per copy of its data. */
export function restoredItemLines(item: RestoredItem, sealKeyArn?: string): string[] {
  const { job } = item;
  const accepted = item.accepted
    ? `; kept, accepted by ${item.accepted.by} at ${item.accepted.time}: ${item.accepted.reason}`
    : '';
  const mismatch = item.mismatch ? ` (${item.mismatch}; cleanup does not delete it)` : '';
  const covered = new Set(item.accepted?.descendants ?? []);
  return [
    `  restore job ${job.restoreJobId} (${job.status}, ${job.createdAt ?? 'time unknown'}, as ${job.iamRoleArn ?? 'unknown role'}): ${job.createdResourceArn ?? '(no resource)'}: ${RESOURCE_TEXT[item.resource]}${mismatch}${keyText(item, sealKeyArn)}${accepted}`,
    ...item.descendants.map(
      (d) =>
        `    copy: ${DESCENDANT_TEXT[d.kind]} ${d.id}${d.createdAt ? ` (${d.createdAt})` : ''}: ${d.detail}${covered.has(d.id) ? '; accepted' : ''}`,
    ),
  ];
}

export function restoredLines(data: RestoredData): string[] {
  if (data.items.length === 0) return [`Restores from the SSN vault since ${data.since}: none.`];
  return [
    `Restores from the SSN vault since ${data.since}:`,
    ...data.items.flatMap((item) => restoredItemLines(item, data.keyArn)),
  ];
}

export function statusText(r: StatusResult): string[] {
  const now = new Date(r.now);
  const where = `vault ${r.vaultName}, key ${r.keyArn}`;
  const lines: string[] = [];
  const seal = r.seal;
  switch (seal.kind) {
    case 'sealed':
      lines.push(`SEALED: no break-glass access (${where} are the baseline).`);
      break;
    case 'sealed-restored-data-remains':
      lines.push(
        `SEALED, RESTORED DATA REMAINS: the policies are the baseline (${where}), but data restored during an opening, or a copy of it, still exists.`,
      );
      lines.push(
        '  Run cleanup to delete it (copies it lists are deleted by hand), or close --accept-restored "<reason>" to take responsibility for it.',
      );
      break;
    case 'open': {
      const { opening } = seal;
      lines.push(
        `OPEN: ${opening.principalArn} may restore from ${r.vaultName} and decrypt with the SSN key`,
      );
      lines.push(`  until:  ${opening.expiry} (${span(now, opening.expiry)})`);
      lines.push(`  reason: ${opening.reason}`);
      lines.push('  Run close when the restore is done.');
      break;
    }
    case 'expired': {
      const { opening } = seal;
      lines.push(
        `EXPIRED: the opening for ${opening.principalArn} ended at ${opening.expiry} (${span(now, opening.expiry)}); nobody has access.`,
      );
      lines.push(`  reason: ${opening.reason}`);
      lines.push('  Its statements are still in the policies: run close to put the baseline back.');
      break;
    }
    case 'drifted':
      if (seal.policies) {
        lines.push(
          `DRIFTED: the SSN policies are neither the baseline nor an opening written by this tool (${where}).`,
        );
        lines.push(...driftLines('vault', seal.policies.vault), ...driftLines('key', seal.policies.key));
      }
      if (seal.aliasDrift) {
        lines.push(
          `DRIFTED: the alias ${seal.aliasDrift.alias} ${seal.aliasDrift.aliasKeyArn ? `names key ${seal.aliasDrift.aliasKeyArn}` : 'does not exist'}, but vault ${r.vaultName} encrypts with key ${r.keyArn} (the key the tool acts on). Find out who changed the alias; open refuses until it names the vault's key again.`,
        );
      }
      if (seal.policies) lines.push('  close puts the baseline back (it saves the current policies first).');
      break;
  }
  if (r.restored.items.length > 0 || seal.kind !== 'sealed') lines.push(...restoredLines(r.restored));
  lines.push(...recordLines(r));
  return lines;
}

/** What the record in the account adds: who opened, a deployment that ended an opening, the chain. */
function recordLines(r: StatusResult): string[] {
  const lines: string[] = [];
  if (r.baselineNote) lines.push(`Note: ${r.baselineNote}`);
  if (r.opening)
    lines.push(
      `Record: opened by ${r.opening.by} at ${r.opening.time} for ${r.opening.principal ?? '?'} until ${r.opening.expiry ?? '?'} (${r.opening.reason ?? 'no reason'}); record ${r.opening.sequence} in s3://${r.record.bucket}.`,
    );
  if (r.endedByStackUpdate)
    lines.push(
      `The opening of record ${r.endedByStackUpdate.openingSequence} was ended by a stack update at ${r.endedByStackUpdate.at}: CloudFormation wrote the deployed policies back. The next open, close or cleanup records it in the trail.`,
    );
  if (r.record.unreadable !== undefined) {
    lines.push(
      `Record: NOT READ (${r.record.unreadable}). The SSN policies were compared with the baseline of the local configuration; close, open and cleanup need the record and the deployed template.`,
    );
    return lines;
  }
  lines.push(
    r.record.problems.length === 0
      ? `Record: ${r.record.records} record${r.record.records === 1 ? '' : 's'} in s3://${r.record.bucket}, chain intact.`
      : `Record NOT INTACT in s3://${r.record.bucket}: ${r.record.problems.join('; ')}. Run audit.`,
  );
  return lines;
}

function auditLines(outcome: { backupFile: string | null; record: object }, auditLogPath: string): string[] {
  return [
    `Audit record (in the evidence bucket's break-glass/trail/, chained; a copy appended to ${auditLogPath}):`,
    `  ${JSON.stringify(outcome.record)}`,
  ];
}

function writeLines(
  write: WriteOutcome | undefined,
  success: string | undefined,
  auditLogPath: string,
): string[] {
  if (!write) return [];
  return [
    `Saved the current policies to ${write.backupFile}`,
    ...(success ? [success] : []),
    ...auditLines(write, auditLogPath),
  ];
}

export function openPlanText(plan: OpenPlan): string[] {
  const now = new Date(plan.now);
  const lines = [
    'Break-glass opening of the SSN backups',
    `  principal: ${plan.opening.principalArn}`,
    `  until:     ${plan.opening.expiry} (${span(now, plan.opening.expiry)})`,
    `  reason:    ${plan.opening.reason}`,
    `  account ${plan.account}, region ${plan.region}`,
  ];
  if (plan.offline)
    lines.push(
      '  offline preview: from the configuration alone, compared with the baseline (nothing was read from AWS)',
    );
  if (plan.baselineNote) lines.push(`  Note: ${plan.baselineNote}`);
  if (plan.principalExists === false)
    lines.push(
      `  Warning: the role ${plan.opening.principalArn} does not exist (iam:GetRole): create it before the restore, or check the ARN.`,
    );
  lines.push(`Changes to the access policy of vault ${plan.vaultName}:`);
  for (const line of plan.diff.vault) lines.push(`  ${line}`);
  lines.push(`Changes to the key policy of ${plan.keyArn}:`);
  for (const line of plan.diff.key) lines.push(`  ${line}`);
  return lines;
}

export function openText(r: OpenOutcome, auditLogPath: string, planShown = false): string[] {
  if (r.kind === 'refused') return [];
  const lines = planShown ? [] : openPlanText(r.plan);
  if (r.kind === 'planned') {
    lines.push('Exact policy texts that open would write:');
    lines.push(`  vault ${r.plan.vaultName}: ${r.plan.texts.vault}`);
    lines.push(`  key ${r.plan.keyArn}: ${r.plan.texts.key}`);
    lines.push('What the role needs besides this opening, for a DynamoDB restore:');
    for (const need of r.plan.prerequisites) lines.push(`  - ${need}`);
    lines.push(
      'The restore, as the role, into a table encrypted with the SSN key (any other key leaves the restored data readable after close):',
    );
    for (const line of r.plan.restoreCommand) lines.push(`  ${line}`);
    lines.push('Dry run: nothing written.');
    return lines;
  }
  if (r.kind === 'unchanged') {
    lines.push('The policies already carry exactly this opening: nothing to write.');
    return [...lines, ...auditLines(r.unchanged, auditLogPath)];
  }
  const g = r.plan.opening;
  const success =
    r.kind === 'opened'
      ? `OPEN: ${g.principalArn} may restore from ${r.plan.vaultName} and decrypt with the SSN key until ${g.expiry}; access ends by itself then. Run close when done.`
      : undefined;
  return [...lines, ...writeLines(r.write, success, auditLogPath)];
}

export function closeText(r: CloseOutcome, auditLogPath: string): string[] {
  const lines: string[] = r.baselineNote ? [`Note: ${r.baselineNote}`] : [];
  if (r.alreadySealed) {
    lines.push('SEALED already: both SSN policies are the baseline; nothing to write.');
    if (r.kind !== 'write-failed' && r.unchanged) lines.push(...auditLines(r.unchanged, auditLogPath));
  } else {
    lines.push('Sealing the SSN backups: putting back the baseline policies');
    lines.push(`  ${describePolicyState('vault', r.policies.vault)}`);
    lines.push(`  ${describePolicyState('key', r.policies.key)}`);
    if (r.diff.vault) {
      lines.push(`Changes to the access policy of vault ${r.vaultName}:`);
      for (const line of r.diff.vault) lines.push(`  ${line}`);
    }
    if (r.diff.key) {
      lines.push(`Changes to the key policy of ${r.keyArn}:`);
      for (const line of r.diff.key) lines.push(`  ${line}`);
    }
    if (r.dryRun) lines.push('Dry run: nothing written.');
    const success =
      r.write && r.kind !== 'write-failed'
        ? `SEALED: verified by reading back both policies${r.write.byteIdentical ? ' (byte for byte the baseline)' : ' (same meaning as the baseline; the service reformatted the text)'}.`
        : undefined;
    lines.push(...writeLines(r.write, success, auditLogPath));
  }
  if (r.kind !== 'write-failed') {
    const remaining = r.restored.items.filter(
      (item) => remains(item) || unacceptedDescendants(item).length > 0,
    );
    if (remaining.length > 0 || !r.dryRun) lines.push(...restoredLines(r.restored));
    if (r.kind === 'sealed' && r.accepted)
      lines.push(
        `Accepted as it is, recorded in the audit log: ${r.accepted.resources.join(', ')} (${r.accepted.reason}).`,
      );
  }
  return lines;
}

export function cleanupPlanText(plan: CleanupPlan): string[] {
  const lines =
    plan.targets.length === 0
      ? [
          `Nothing to delete: no restored table from the SSN vault still exists (restores since ${plan.since}).`,
        ]
      : [
          'Restored tables that cleanup deletes (created by restore jobs from the SSN vault, as their RestoreSummary shows):',
          ...plan.targets.map((item) => restoredItemLines({ ...item, descendants: [] })[0]),
        ];
  if (plan.mismatched.length > 0 || plan.remaining.length > 0) {
    lines.push('Not deleted by cleanup (delete by hand, or close --accept-restored "<reason>"):');
    for (const item of plan.mismatched)
      lines.push(`  ${item.job.createdResourceArn}: ${item.mismatch} (restore job ${item.job.restoreJobId})`);
    for (const d of plan.remaining) lines.push(`  ${DESCENDANT_TEXT[d.kind]} ${d.id}: ${d.detail}`);
  }
  return lines;
}

export function cleanupText(r: CleanupOutcome, planShown = false): string[] {
  if (r.kind === 'refused') return [];
  const lines = planShown ? [] : cleanupPlanText(r.plan);
  if (r.kind === 'planned') lines.push('Dry run: nothing deleted.');
  else for (const d of r.deleted) lines.push(`Deleted ${d} (recorded in the audit log).`);
  return lines;
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

/** Why a broken record fails `audit`, for standard error; undefined when it is intact. */
export function auditError(r: AuditResult): string | undefined {
  if (r.kind === 'intact') return undefined;
  return `The break-glass record in s3://${r.bucket} is not intact (${r.problems.length} problem${r.problems.length > 1 ? 's' : ''}): see above, and find out who wrote to the bucket.`;
}

/** Why open's write failed, and what to do. */
function openFailureText(failure: WriteFailure, backupFile: string): string {
  switch (failure.stage) {
    case 'first':
    case 'second':
      return `Writing the ${failure.policy} policy failed; nothing was changed. ${failure.cause}`;
    case 'rolled-back':
      return `Writing the vault policy failed (${failure.cause}); the key policy was put back as it was. Nothing is open; retrying is safe.`;
    case 'rollback':
      return `Writing the vault policy failed (${failure.cause}) and putting the key policy back failed too (${failure.rollbackError}). The key policy may be open while the vault is not: run close (the previous policies are in ${backupFile}).`;
    case 'read-back':
      return `Both policies were written, but reading them back gives something else (${failure.differs.join(' and ')}): run status.`;
  }
}

/** Why close's write failed, and what to do. */
function closeFailureText(failure: WriteFailure): string {
  switch (failure.stage) {
    case 'first':
      return `Writing the ${failure.policy} policy failed; nothing was changed. ${failure.cause}`;
    case 'second':
      return failure.firstWritten
        ? `The vault is sealed, but writing the key policy failed (${failure.cause}). Restores stay blocked by the vault; run close again to seal the key.`
        : `Writing the key policy failed; nothing was changed. ${failure.cause}`;
    case 'read-back':
      return `The baseline was written, but reading back gives something else (${failure.differs.join(' and ')}): run status.`;
    default:
      return failure.cause; // close never rolls back
  }
}

/** The line for standard error when open was refused or its write failed; undefined otherwise. */
export function openError(r: OpenOutcome): string | undefined {
  if (r.kind === 'refused') return r.message;
  if (r.kind === 'write-failed') return openFailureText(r.failure, r.write.backupFile);
  return undefined;
}

/** The line for standard error when close's write failed or restored data remains; undefined otherwise. */
export function closeError(r: CloseOutcome): string | undefined {
  if (r.kind === 'write-failed') return closeFailureText(r.failure);
  if (r.kind === 'restored-data-remains')
    return `The policies are sealed, but data restored from the SSN vault still exists: ${r.remaining.join(', ')}. Delete it with cleanup, or keep it deliberately with close --accept-restored "<reason>".`;
  return undefined;
}

/** The line for standard error when cleanup was refused, failed, or leaves restored data; undefined otherwise. */
export function cleanupError(r: CleanupOutcome): string | undefined {
  if (r.kind === 'refused' || r.kind === 'delete-failed') return r.message;
  if (r.kind === 'restored-data-remains')
    return `Data restored from the SSN vault remains that cleanup does not delete: ${[
      ...r.plan.mismatched.map((item) => item.job.createdResourceArn),
      ...r.plan.remaining.map((d) => d.id),
    ].join(
      ', ',
    )}. Delete it by hand, or keep it deliberately with close --accept-restored "<reason>"; then run status.`;
  return undefined;
}
