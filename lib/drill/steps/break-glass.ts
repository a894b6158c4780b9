import { errorName } from '../../aws-errors';
import { describeFailure } from '../../domain-error';
import { type DrillRun, StepError, type StepOutcome } from '../context';
import type { BreakGlassSettings } from '../record';
import { compareWithWritten, restoredTableName, restoreInto } from './restore';
import { seconds } from './source-backup';

/**
 * The emergency path on the SSN copy, as an operator would run it: open a short window for one
 * role, restore the copy into a table encrypted with the SSN key as that role, verify it, close,
 * show that the closed data can no longer be read, clean up, and end SEALED. Each step goes
 * through the break-glass tool's own commands (lib/break-glass), with their checks and audit.
 */

function settingsOf(run: DrillRun): BreakGlassSettings {
  const b = run.record.settings.breakGlass;
  if (!b) throw new StepError('the drill was started without --break-glass');
  return b;
}

function sealOf(run: DrillRun) {
  const seal = run.deps.seal;
  if (!seal) throw new StepError('the break-glass tool is not available to this drill');
  return seal;
}

async function asRole(run: DrillRun) {
  const assume = run.deps.asRole;
  if (!assume) throw new StepError('the drill cannot act as the opened role');
  return assume(settingsOf(run).roleArn);
}

export function ssnRestoredTableName(drillId: string): string {
  return `${restoredTableName(drillId)}-ssn`;
}

const reasonOf = (id: string) => `backup drill ${id}`;

/** How the record's cleanup list names the opening and the SSN restore (cleanup skips what is done). */
export const OPENING = 'break-glass opening';
export const ssnRestoreEntry = (name: string) => `SSN restore ${name}`;

function cleaned(run: DrillRun, entry: string, outcome: string): void {
  run.remember({ cleanup: { ...run.record.resources.cleanup, [entry]: outcome } });
}

export async function openSeal(run: DrillRun): Promise<StepOutcome> {
  const b = settingsOf(run);
  const seal = sealOf(run);
  const before = await seal.status();
  // A resumed drill finds its own opening.
  if (before.state === 'OPEN' && before.principal === b.roleArn && before.reason === reasonOf(run.id)) {
    run.remember({ opened: true });
    return { status: 'passed', summary: `already open for ${b.roleArn} (resumed)` };
  }
  if (before.state !== 'SEALED')
    throw new StepError(
      `the SSN policies are ${before.state}, not SEALED: the drill opens only a sealed vault (run break-glass status)`,
    );
  run.remember({ opened: true });
  await seal.open(b.roleArn, reasonOf(run.id), b.duration);
  const after = await seal.status();
  if (after.state !== 'OPEN') throw new StepError(`after open, status is ${after.state}, not OPEN`);
  return {
    status: 'passed',
    summary: `opened for ${b.roleArn} for ${b.duration} ("${reasonOf(run.id)}")`,
    evidence: { principal: b.roleArn, duration: b.duration },
  };
}

export async function restoreSsnCopy(run: DrillRun): Promise<StepOutcome> {
  const b = settingsOf(run);
  const vault = run.destinations().ssn;
  const recoveryPointArn = run.record.resources.copies?.ssn;
  if (!recoveryPointArn) throw new StepError('the copy step has not recorded the SSN copy');
  const name = ssnRestoredTableName(run.id);
  run.remember({ ssnRestoredTableName: name });
  const aws = await asRole(run);
  const { jobId, job } = await restoreInto(run, {
    step: 'break-glass-restore',
    key: 'restore-ssn',
    aws,
    vaultName: vault.vaultName,
    recoveryPointArn,
    roleArn: b.roleArn,
    metadata: { targetTableName: name, encryptionType: 'KMS', kmsMasterKeyArn: vault.keyArn },
  });
  const table = await aws.backup.describeTable(name);
  const evidence = {
    jobId,
    tableName: name,
    keyArn: table?.kmsKeyArn,
    seconds: seconds(job.createdAt, job.completedAt),
  };
  if (table?.kmsKeyArn !== vault.keyArn)
    return {
      status: 'failed',
      summary: `restored ${name}, but under ${table?.kmsKeyArn ?? 'an AWS owned key'}, not the SSN key: closing would not seal it`,
      evidence,
    };
  return { status: 'passed', summary: `restored ${name} under the SSN key, as ${b.roleArn}`, evidence };
}

export async function verifySsnRestore(run: DrillRun): Promise<StepOutcome> {
  const name = run.record.resources.ssnRestoredTableName;
  if (!name) throw new StepError('the drill has no SSN restore to compare');
  return compareWithWritten(run, await asRole(run), name);
}

export async function closeSeal(run: DrillRun): Promise<StepOutcome> {
  const after = await sealOf(run).close();
  if (after.state !== 'SEALED' && after.state !== 'SEALED, RESTORED DATA REMAINS')
    throw new StepError(`after close, status is ${after.state}`);
  cleaned(run, OPENING, `closed: ${after.state}`);
  return {
    status: 'passed',
    summary: `closed: ${after.state}${after.outstanding.length > 0 ? ` (${after.outstanding.join(', ')})` : ''}`,
  };
}

const REFUSED = /AccessDenied|KMS|Forbidden|Unauthorized/i;

/**
 * After the close, and after DynamoDB's table-key cache has had time to expire, the opened role
 * reads the restored table again: a refusal shows that the seal holds on the data, not only on
 * the vault. A read that succeeds fails the drill.
 */
export async function proveSealHolds(run: DrillRun): Promise<StepOutcome> {
  const b = settingsOf(run);
  const name = run.record.resources.ssnRestoredTableName;
  if (!name) throw new StepError('the drill has no SSN restore to read');
  await run.deps.sleep(b.cacheWaitMinutes * 60_000);
  const aws = await asRole(run);
  try {
    const items = await aws.backup.scanItems(name);
    return {
      status: 'failed',
      summary: `${b.roleArn} still read ${items.length} items of ${name} ${b.cacheWaitMinutes} minutes after close: the seal does not hold on restored data`,
    };
  } catch (error) {
    const name_ = errorName(error) ?? '';
    const message = describeFailure(error).message;
    if (!REFUSED.test(`${name_} ${message}`)) throw error;
    return {
      status: 'passed',
      summary: `${b.cacheWaitMinutes} minutes after close, reading ${name} is refused (${name_})`,
      evidence: { error: name_, message },
    };
  }
}

export async function cleanUpSsnRestore(run: DrillRun): Promise<StepOutcome> {
  const seal = sealOf(run);
  const deleted = await seal.cleanup();
  const name = run.record.resources.ssnRestoredTableName;
  if (name)
    cleaned(
      run,
      ssnRestoreEntry(name),
      `deleted by break-glass cleanup: ${deleted.join(', ') || 'nothing left'}`,
    );
  const after = await seal.status();
  if (after.state !== 'SEALED')
    return {
      status: 'failed',
      summary: `after cleanup, status is ${after.state}: ${after.outstanding.join(', ') || 'see break-glass status'}`,
      evidence: { deleted },
    };
  return {
    status: 'passed',
    summary: `deleted ${deleted.join(', ') || 'nothing'}; status SEALED`,
    evidence: { deleted },
  };
}
