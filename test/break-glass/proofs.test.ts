/**
 * Proofs with the IAM evaluation engine that an opening does what it says, on the policies `open`
 * writes (built from the same builders as the stack):
 * - before the expiry, exactly the principal may restore from the SSN vault and use the SSN key, the
 *   key only through AWS Backup or DynamoDB;
 * - nobody else, at any time; nobody, the principal included, from the expiry on;
 * - the principal still may not copy recovery points out, nor delete them;
 * - `close` puts back policies under which the principal is denied again.
 * Assumptions (lib/analysis/iam.ts, ASSUMPTIONS): identityAdmin (every IAM caller is an administrator
 * of its account unless said otherwise), principalArn (aws:PrincipalArn is the role ARN with its path),
 * recoveryPointArn; and aws:CurrentTime is the time of the request (IAM User Guide, aws:CurrentTime).
 */
import { COPY_OUT_ACTIONS, RESTORE_ACTIONS } from '../../lib/policies/break-glass-statements';
import type { PolicyJson } from '../../lib/policies/policy-json';
import { SID } from '../../lib/policies';
import { type Caller, evaluate } from '../../lib/analysis/iam';
import {
  at,
  BACKUP,
  BEFORE,
  config,
  DYNAMODB,
  FROM_EXPIRY,
  KEY_ACTIONS,
  OPENED_KEY_ACTIONS,
  opened,
  OTHERS,
  PRINCIPAL,
  PRINCIPAL_WITHOUT_IAM_POLICY,
  S3,
  sealed,
} from './requests';

vi.setConfig({ testTimeout: 120_000 });

/** The policy without the statements whose Sid starts with the prefix. */
function withoutSid(policy: PolicyJson, prefix: string): PolicyJson {
  const kept = policy.Statement.filter((s) => !s.Sid?.startsWith(prefix));
  if (kept.length !== policy.Statement.length - 1) throw new Error(`expected one ${prefix} statement`);
  return { ...policy, Statement: kept };
}

/**
 * The baseline DENYs that stop a direct call: a grant of one's own is CT.KMS.PR.3's business too;
 * a principal of the backup account is also sealed out by the account DENY (in the order of the key policy, as the harness gives them).
 */
function directDenials(action: string, inBackupAccount: boolean): string[] {
  return [
    SID.denySsnKeyDecryptOperations,
    ...(inBackupAccount ? [SID.denySsnKeyUseInBackupAccount] : []),
    ...(action === 'kms:CreateGrant' ? [SID.denyGrantsNotForAwsServices] : []),
  ];
}

/** P, calling through a service. */
const through = (who: Caller, via: string): Caller => ({ ...who, via });

function cases<T extends unknown[]>(...lists: T[][]): T[] {
  return lists.flat();
}

describe('before the expiry, the principal may restore and decrypt', () => {
  test.each(cases(...BEFORE.map((t) => RESTORE_ACTIONS.map((a) => [a, t] as [string, string]))))(
    '%s at %s is allowed, even without any IAM policy of its own (granted by BreakGlassRestoreAccess)',
    async (action, time) => {
      const admin = await evaluate(config, 'ssnVault', opened.vault, at(PRINCIPAL, action, time));
      expect(admin).toMatchObject({ decision: 'Allowed', ignoredContextKeys: [] });
      const bare = await evaluate(
        config,
        'ssnVault',
        opened.vault,
        at(PRINCIPAL_WITHOUT_IAM_POLICY, action, time),
      );
      expect(bare.decision).toBe('Allowed');
      expect(bare.resourceSids).toEqual([expect.stringMatching(/^BreakGlassRestoreAccess[0-9a-f]+$/)]);
      const withoutAllow = await evaluate(
        config,
        'ssnVault',
        withoutSid(opened.vault, 'BreakGlassRestoreAccess'),
        at(PRINCIPAL_WITHOUT_IAM_POLICY, action, time),
      );
      expect(withoutAllow.decision).toBe('ImplicitlyDenied');
    },
  );

  test.each(
    cases(
      ...BEFORE.flatMap((t) =>
        [DYNAMODB, BACKUP].map((v) => OPENED_KEY_ACTIONS.map((a) => [a, v, t] as [string, string, string])),
      ),
    ),
  )(
    '%s through %s at %s is allowed, also when only the key policy grants it (BreakGlassDecryptAccess)',
    async (action, via, time) => {
      const admin = await evaluate(config, 'ssnKey', opened.key, at(through(PRINCIPAL, via), action, time));
      expect(admin).toMatchObject({ decision: 'Allowed', ignoredContextKeys: [] });
      const bare = await evaluate(
        config,
        'ssnKey',
        opened.key,
        at(through(PRINCIPAL_WITHOUT_IAM_POLICY, via), action, time),
      );
      expect(bare.decision).toBe('Allowed');
      expect(bare.resourceSids).toContainEqual(expect.stringMatching(/^BreakGlassDecryptAccess[0-9a-f]+$/));
      // the key policy's account statement alone does not grant a principal without IAM policy:
      const withoutAllow = await evaluate(
        config,
        'ssnKey',
        withoutSid(opened.key, 'BreakGlassDecryptAccess'),
        at(through(PRINCIPAL_WITHOUT_IAM_POLICY, via), action, time),
      );
      expect(withoutAllow.decision).toBe('ImplicitlyDenied');
    },
  );

  test.each([...KEY_ACTIONS, 'kms:Encrypt', 'kms:ReEncryptTo'].map((a) => [a]))(
    'but %s directly stays denied, to the administrator P too (DenySSNKeyDecryptOperations, BreakGlassDenyOtherKeyPaths)',
    async (action) => {
      const result = await evaluate(config, 'ssnKey', opened.key, at(PRINCIPAL, action, BEFORE[0]));
      expect(result.decision).toBe('ExplicitlyDenied');
      expect(result.resourceSids).toContain(SID.breakGlassDenyOtherKeyPaths);
    },
  );

  test('and so does the key through any other service (S3): BreakGlassDenyOtherKeyPaths', async () => {
    const result = await evaluate(
      config,
      'ssnKey',
      opened.key,
      at(through(PRINCIPAL, S3), 'kms:Decrypt', BEFORE[0]),
    );
    expect(result).toMatchObject({
      decision: 'ExplicitlyDenied',
      resourceSids: [SID.breakGlassDenyOtherKeyPaths],
    });
  });

  test.each(COPY_OUT_ACTIONS.map((a) => [a]))(
    'but %s (copy out) stays denied (BreakGlassDenyCopyOut)',
    async (action) => {
      const result = await evaluate(config, 'ssnVault', opened.vault, at(PRINCIPAL, action, BEFORE[0]));
      expect(result).toMatchObject({ decision: 'ExplicitlyDenied', resourceSids: ['BreakGlassDenyCopyOut'] });
    },
  );

  test.each(['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'].map((a) => [a]))(
    'and %s stays denied (DenyManualRecoveryPointDeletion)',
    async (action) => {
      const result = await evaluate(config, 'ssnVault', opened.vault, at(PRINCIPAL, action, BEFORE[0]));
      expect(result).toMatchObject({
        decision: 'ExplicitlyDenied',
        resourceSids: ['DenyManualRecoveryPointDeletion'],
      });
    },
  );
});

describe('from the expiry on, the principal is denied again, without close', () => {
  test.each(cases(...FROM_EXPIRY.map((t) => RESTORE_ACTIONS.map((a) => [a, t] as [string, string]))))(
    '%s at %s is denied by DenyEmergencyRestoreOperationsAfterExpiry',
    async (action, time) => {
      for (const who of [PRINCIPAL, PRINCIPAL_WITHOUT_IAM_POLICY]) {
        const result = await evaluate(config, 'ssnVault', opened.vault, at(who, action, time));
        expect(result).toMatchObject({
          decision: 'ExplicitlyDenied',
          resourceSids: ['DenyEmergencyRestoreOperationsAfterExpiry'],
          ignoredContextKeys: [],
        });
      }
    },
  );

  test.each(cases(...FROM_EXPIRY.map((t) => OPENED_KEY_ACTIONS.map((a) => [a, t] as [string, string]))))(
    '%s through DynamoDB at %s is denied by DenySSNKeyUseInBackupAccountAfterExpiry',
    async (action, time) => {
      const result = await evaluate(
        config,
        'ssnKey',
        opened.key,
        at(through(PRINCIPAL, DYNAMODB), action, time),
      );
      expect(result).toMatchObject({
        decision: 'ExplicitlyDenied',
        resourceSids: ['DenySSNKeyUseInBackupAccountAfterExpiry'],
        ignoredContextKeys: [],
      });
    },
  );
});

test.each([...BEFORE, ...FROM_EXPIRY])(
  'the principal may never create a grant of its own on the SSN key (at %s): it would outlive the opening',
  async (time) => {
    const result = await evaluate(config, 'ssnKey', opened.key, at(PRINCIPAL, 'kms:CreateGrant', time));
    expect(result).toMatchObject({ decision: 'ExplicitlyDenied', ignoredContextKeys: [] });
    // The baseline's DENYs, which the opening leaves as they are for the principal:
    expect(result.resourceSids).toContain(SID.denyGrantsNotForAwsServices);
    expect(result.resourceSids).toContain(SID.denySsnKeyDecryptOperations);
  },
);

describe('nobody else may restore or decrypt, at any time', () => {
  const times = [...BEFORE, ...FROM_EXPIRY];
  // AWS Backup rejects cross-account restores whatever the vault policy says (ASSUMPTIONS.crossAccountBackup),
  // but the vault's DENY must hold for them too.
  test.each(OTHERS)(
    '%s: restore and copy-out denied by DenyEmergencyRestoreOperations',
    async (_name, who) => {
      for (const time of times) {
        for (const action of [...RESTORE_ACTIONS, ...COPY_OUT_ACTIONS]) {
          const result = await evaluate(config, 'ssnVault', opened.vault, at(who, action, time));
          expect({
            action,
            time,
            decision: result.decision,
            denied: result.resourceSids.includes('DenyEmergencyRestoreOperations'),
          }).toEqual({
            action,
            time,
            decision: 'ExplicitlyDenied',
            denied: true,
          });
        }
      }
    },
  );

  test.each(OTHERS.filter(([, who]) => who.kind !== 'backupServiceLinkedRole'))(
    '%s: direct key-material use denied by DenySSNKeyDecryptOperations (and the account DENY in the backup account)',
    async (_name, who) => {
      for (const time of times) {
        for (const action of KEY_ACTIONS) {
          const result = await evaluate(config, 'ssnKey', opened.key, at(who, action, time));
          expect({ action, time, ...result }).toMatchObject({
            action,
            time,
            decision: 'ExplicitlyDenied',
            resourceSids: directDenials(action, who.kind !== 'sourceRole'),
            ignoredContextKeys: [],
          });
        }
      }
    },
  );

  test.each(OTHERS.filter(([, who]) => who.kind === 'backupAdmin'))(
    '%s: key use through DynamoDB denied by DenySSNKeyUseInBackupAccount',
    async (_name, who) => {
      for (const time of times) {
        for (const action of OPENED_KEY_ACTIONS) {
          const result = await evaluate(
            config,
            'ssnKey',
            opened.key,
            at(through(who, DYNAMODB), action, time),
          );
          expect({ action, time, ...result }).toMatchObject({
            action,
            time,
            decision: 'ExplicitlyDenied',
            resourceSids: [SID.denySsnKeyUseInBackupAccount],
            ignoredContextKeys: [],
          });
        }
      }
    },
  );

  test("the backup service-linked role's key use (copies) is exactly what it was under the baseline", async () => {
    const slr: Caller = { kind: 'backupServiceLinkedRole' };
    for (const action of KEY_ACTIONS) {
      const before = await evaluate(config, 'ssnKey', sealed.key, at(slr, action, BEFORE[0]));
      const during = await evaluate(config, 'ssnKey', opened.key, at(slr, action, BEFORE[0]));
      expect({ action, decision: during.decision }).toEqual({ action, decision: before.decision });
    }
  });
});

test('after close (the baseline), the principal is denied before the expiry too', async () => {
  for (const action of RESTORE_ACTIONS) {
    const result = await evaluate(config, 'ssnVault', sealed.vault, at(PRINCIPAL, action, BEFORE[0]));
    expect(result).toMatchObject({
      decision: 'ExplicitlyDenied',
      resourceSids: ['DenyEmergencyRestoreOperations'],
    });
  }
  for (const action of KEY_ACTIONS) {
    const result = await evaluate(config, 'ssnKey', sealed.key, at(PRINCIPAL, action, BEFORE[0]));
    expect(result).toMatchObject({ decision: 'ExplicitlyDenied', resourceSids: directDenials(action, true) });
  }
  for (const action of OPENED_KEY_ACTIONS) {
    const result = await evaluate(
      config,
      'ssnKey',
      sealed.key,
      at(through(PRINCIPAL, DYNAMODB), action, BEFORE[0]),
    );
    expect(result).toMatchObject({
      decision: 'ExplicitlyDenied',
      resourceSids: [SID.denySsnKeyUseInBackupAccount],
    });
  }
});

test('the harness can tell: without the exemption the principal would be denied (control)', async () => {
  // A control on the engine and on the harness: the same request on a policy whose DENY has no exemption.
  const noExemption = {
    ...opened.vault,
    Statement: opened.vault.Statement.map((s) =>
      s.Sid === 'DenyEmergencyRestoreOperations' ? sealed.vault.Statement.find((b) => b.Sid === s.Sid)! : s,
    ),
  };
  const result = await evaluate(
    config,
    'ssnVault',
    noExemption,
    at(PRINCIPAL, 'backup:StartRestoreJob', BEFORE[0]),
  );
  expect(result).toMatchObject({
    decision: 'ExplicitlyDenied',
    resourceSids: ['DenyEmergencyRestoreOperations'],
  });
});
