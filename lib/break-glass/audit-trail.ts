import { appendAudit, type AuditOutcome, type AuditRecord, saveSnapshot } from './audit';
import type { CallerIdentity } from './aws';
import type { Grant } from './grant';
import { textHash } from '../policies/policy-json';
import type { Runtime } from './runtime';
import { type DeployedState, isoSeconds } from './state';

/** Builds the audit records of one open or close, and writes and prints each. */
export interface AuditTrail {
  record(
    outcome: AuditOutcome,
    after: { vault: string | null; key: string | null },
    backupFile: string | null,
    error?: string,
  ): AuditRecord;
  finish(record: AuditRecord): void;
  /** Saves the policies as they are before any write, says where, and returns the file's path. */
  saveBefore(): string;
}

export function auditTrail(
  rt: Runtime,
  command: AuditRecord['command'],
  caller: CallerIdentity,
  state: DeployedState,
  grant: Grant | undefined,
): AuditTrail {
  return {
    record: (outcome, after, backupFile, error) => ({
      time: isoSeconds(rt.now()),
      command,
      outcome,
      caller,
      account: rt.config.backupAccountId,
      region: rt.region,
      vaultName: state.vaultName,
      keyArn: state.key.arn,
      principal: grant?.principalArn ?? null,
      expiry: grant?.expiry ?? null,
      reason: grant?.reason ?? null,
      sha256: {
        vaultBefore: textHash(state.vault),
        vaultAfter: after.vault,
        keyBefore: textHash(state.keyPolicy),
        keyAfter: after.key,
      },
      backupFile,
      ...(error === undefined ? {} : { error }),
    }),
    saveBefore: () => {
      const backupFile = saveSnapshot(rt.auditLogPath, {
        savedAt: isoSeconds(rt.now()),
        command,
        account: rt.config.backupAccountId,
        region: rt.region,
        vault: { name: state.vaultName, policy: state.vault ?? null },
        key: { keyId: state.key.keyId, arn: state.key.arn, policy: state.keyPolicy },
      });
      rt.out(`Saved the current policies to ${backupFile}`);
      return backupFile;
    },
    finish: (record) => {
      appendAudit(rt.auditLogPath, record);
      rt.out(`Audit record (appended to ${rt.auditLogPath}):`);
      rt.out(`  ${JSON.stringify(record)}`);
    },
  };
}
