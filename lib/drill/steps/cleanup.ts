import { describeFailure } from '../../domain-error';
import { type DrillRun, StepError, type StepOutcome } from '../context';
import { OPENING, ssnRestoreEntry } from './break-glass';
import { DRILL_TAG } from './source-table';

/**
 * Removes what the drill made: both tables and the source recovery point. Vault Lock keeps the
 * copies in the backup account until their retention ends, so they are tagged as drill data and the
 * report says when they expire. What was done is recorded per resource; a failure is reported and
 * the rest still runs, and `drill --cleanup <id>` retries only what is not done.
 */
export async function cleanUp(run: DrillRun): Promise<StepOutcome> {
  const { aws } = run.deps;
  const r = run.record.resources;
  const s = run.record.settings;
  const tasks: { readonly key: string; readonly action: () => Promise<string> }[] = [];
  // An emergency path the drill stopped in: seal first, then delete its restore (break-glass's own commands).
  const seal = run.deps.seal;
  if (r.opened && seal) {
    tasks.push({
      key: OPENING,
      action: async () => {
        const state = await seal.status();
        if (state.state === 'OPEN' || state.state === 'EXPIRED')
          return `closed: ${(await seal.close()).state}`;
        return `already ${state.state}`;
      },
    });
    if (r.ssnRestoredTableName)
      tasks.push({
        key: ssnRestoreEntry(r.ssnRestoredTableName),
        action: async () => {
          const deleted = await seal.cleanup();
          return deleted.length > 0 ? `deleted by break-glass cleanup: ${deleted.join(', ')}` : 'gone';
        },
      });
  }
  if (r.sourceTableName)
    tasks.push({
      key: `source table ${r.sourceTableName}`,
      action: () => aws.source.deleteTableIfExists(r.sourceTableName ?? ''),
    });
  if (r.restoredTableName)
    tasks.push({
      key: `restored table ${r.restoredTableName}`,
      action: () => aws.backup.deleteTableIfExists(r.restoredTableName ?? ''),
    });
  if (r.sourceRecoveryPointArn)
    tasks.push({
      key: `source recovery point ${r.sourceRecoveryPointArn}`,
      action: () => aws.source.deleteRecoveryPointIfExists(s.sourceVaultName, r.sourceRecoveryPointArn ?? ''),
    });
  for (const arn of [r.copies?.general, r.copies?.ssn])
    if (arn) {
      tasks.push({
        key: `copy ${arn}`,
        action: async () => {
          await aws.backup.tagRecoveryPoint(arn, { [DRILL_TAG]: run.id });
          return 'tagged (kept by Vault Lock until its retention ends)';
        },
      });
    }
  const failures: string[] = [];
  for (const task of tasks) {
    const before = run.record.resources.cleanup?.[task.key];
    if (before && !before.startsWith('failed')) continue;
    let outcome: string;
    try {
      outcome = await task.action();
    } catch (error) {
      outcome = `failed: ${describeFailure(error).message}`;
      failures.push(`${task.key}: ${outcome}`);
    }
    run.remember({ cleanup: { ...run.record.resources.cleanup, [task.key]: outcome } });
  }
  const evidence = { cleanup: run.record.resources.cleanup ?? {} };
  if (failures.length > 0)
    throw new StepError(
      `${failures.length} of ${tasks.length} cleanup actions failed (${failures.join('; ')}); run drill --cleanup ${run.id} to retry them`,
      evidence,
    );
  return {
    status: 'passed',
    summary: tasks.length === 0 ? 'nothing to remove' : `${tasks.length} resources removed or tagged`,
    evidence,
  };
}
