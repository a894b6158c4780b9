/**
 * The break-glass requests, as data, shared by the proofs (proofs.test.ts) and the mutation test of
 * the opened policies (mutation.test.ts): one opening (principal P, an expiry, a reason), the
 * instants before and from the expiry, the callers, and the table of requests with the decision each
 * must get on the opened policies. Assumptions: as in proofs.test.ts.
 */
import { baselinePolicies } from '../../lib/seal/baseline';
import { openPolicies } from '../../lib/seal/opening';
import {
  COPY_OUT_ACTIONS,
  DECRYPT_ACTIONS,
  type Opening,
  RESTORE_ACTIONS,
} from '../../lib/policies/break-glass-statements';
import { KEY_MATERIAL_ACTIONS, RECOVERY_POINT_DATA_ACTIONS } from '../../lib/policies';
import { type AccessRequest, type Caller, type Decision, viaService } from '../../lib/analysis/iam';
import { configWith } from '../support/config';

export const config = configWith();
export const P = 'arn:aws:iam::000011114444:role/SsnRestore';
export const OPENING: Opening = {
  principalArn: P,
  expiry: '2030-03-01T12:00:00Z',
  reason: 'INC-1234 restore',
};
export const opened = openPolicies(baselinePolicies(config), OPENING);
export const sealed = baselinePolicies(config);

export const BEFORE = ['2030-03-01T10:00:00Z', '2030-03-01T11:59:59Z'];
export const FROM_EXPIRY = ['2030-03-01T12:00:00Z', '2030-03-01T12:00:01Z', '2031-01-01T00:00:00Z'];

export const PRINCIPAL: Caller = { kind: 'backupAdmin', roleArn: P };
export const PRINCIPAL_WITHOUT_IAM_POLICY: Caller = {
  kind: 'backupAdmin',
  roleArn: P,
  withoutIdentityPolicy: true,
};
export const OTHERS: [string, Caller][] = [
  ['an administrator of the backup account', { kind: 'backupAdmin' }],
  ['a role whose name starts like the principal', { kind: 'backupAdmin', roleArn: `${P}Copy` }],
  [
    'a role of the same name under a path',
    { kind: 'backupAdmin', roleArn: 'arn:aws:iam::000011114444:role/ops/SsnRestore' },
  ],
  ['a role of the source account', { kind: 'sourceRole' }],
  ['the backup service-linked role', { kind: 'backupServiceLinkedRole' }],
];
/** Every direct way to key material (`DenySSNKeyDecryptOperations`): no opening lifts it. */
export const KEY_ACTIONS = [...KEY_MATERIAL_ACTIONS];
/** What the opening grants the principal on the key, through AWS Backup or DynamoDB: its key use but DescribeKey. */
export const OPENED_KEY_ACTIONS = DECRYPT_ACTIONS.filter((a) => a !== 'kms:DescribeKey');
/** The services an opening's key use goes through (`kms:ViaService`), and one it may not. */
export const DYNAMODB = viaService('dynamodb', config.backupRegion);
export const BACKUP = viaService('backup', config.backupRegion);
export const S3 = viaService('s3', config.backupRegion);

/** The harness's request: a caller, at a time, calling an action. */
export const at = (who: Caller, action: string, time: string): AccessRequest => ({
  caller: { ...who, time },
  action,
});

/** One request against an opened policy, and the decision it must get. */
export interface BreakGlassRequest {
  readonly name: string;
  readonly policy: 'ssnVault' | 'ssnKey';
  readonly who: Caller;
  readonly action: string;
  readonly time: string;
  readonly expected: Decision;
}

const ALLOWED: Decision = 'Allowed';
const EXPLICIT: Decision = 'ExplicitlyDenied';
const IMPLICIT: Decision = 'ImplicitlyDenied';

/**
 * Every break-glass request, for P with an administrator's IAM policy and with none (some statements
 * matter only in one of the two cases), and for everyone else:
 * - vault: P may restore before the expiry, not from it on; nobody copies out, scans, searches or
 *   indexes recovery points; nobody else restores;
 * - key: P may use the key material (and DescribeKey) through AWS Backup or DynamoDB before the
 *   expiry, never directly, never through another service; from the expiry on P is sealed out again
 *   like every principal of the account (through AWS Backup, like every administrator, P keeps what
 *   its IAM policy gives: the SSN vault gates that path); P never creates a grant of its own, but a service may
 *   create one for an AWS resource during the window; nobody else gains anything.
 */
export function breakGlassRequests(): BreakGlassRequest[] {
  const rows: BreakGlassRequest[] = [];
  const times = [...BEFORE, ...FROM_EXPIRY];
  const add = (
    policy: BreakGlassRequest['policy'],
    whoName: string,
    who: Caller,
    action: string,
    time: string,
    expected: Decision,
  ) => {
    const via = who.via ? ` through ${who.via}` : '';
    rows.push({
      name: `${whoName}: ${action}${via} at ${time} is ${expected}`,
      policy,
      who,
      action,
      time,
      expected,
    });
  };
  const principals: [string, Caller][] = [
    ['P (administrator)', PRINCIPAL],
    ['P (no IAM policy)', PRINCIPAL_WITHOUT_IAM_POLICY],
  ];
  const before = (time: string) => BEFORE.includes(time);
  const admin = (who: Caller) => !who.withoutIdentityPolicy;

  // The vault.
  for (const [whoName, who] of principals) {
    for (const time of times) {
      for (const action of RESTORE_ACTIONS)
        add('ssnVault', whoName, who, action, time, before(time) ? ALLOWED : EXPLICIT);
      for (const action of [...COPY_OUT_ACTIONS, ...RECOVERY_POINT_DATA_ACTIONS])
        add('ssnVault', whoName, who, action, time, EXPLICIT);
    }
  }
  for (const [whoName, who] of OTHERS) {
    for (const time of times) {
      for (const action of [...RESTORE_ACTIONS, ...COPY_OUT_ACTIONS])
        add('ssnVault', whoName, who, action, time, EXPLICIT);
    }
  }

  // The key, through AWS Backup or DynamoDB: P's window.
  for (const [whoName, who] of principals) {
    for (const via of [DYNAMODB, BACKUP]) {
      const through: Caller = { ...who, via };
      // From the expiry on, as under the baseline: what no DENY names (DescribeKey; through AWS
      // Backup, the key material too, as for every administrator) is granted by the administrator's
      // own IAM policy only; through DynamoDB the key material is sealed again.
      const afterExpiry = (action: string) =>
        via === DYNAMODB && action !== 'kms:DescribeKey' ? EXPLICIT : admin(who) ? ALLOWED : IMPLICIT;
      for (const time of times) {
        for (const action of DECRYPT_ACTIONS) {
          add('ssnKey', whoName, through, action, time, before(time) ? ALLOWED : afterExpiry(action));
        }
        // A grant a service makes for an AWS resource (a DynamoDB restore's): under P's own IAM
        // policy during the window (the ALLOW does not name grants).
        const grant = before(time) ? (admin(who) ? ALLOWED : IMPLICIT) : afterExpiry('kms:CreateGrant');
        add('ssnKey', whoName, through, 'kms:CreateGrant', time, grant);
      }
    }
    for (const time of times) {
      // Directly, never (Encrypt and ReEncryptTo too); nor through another service.
      for (const action of [...KEY_ACTIONS, 'kms:Encrypt', 'kms:ReEncryptTo'])
        add('ssnKey', whoName, who, action, time, EXPLICIT);
      for (const action of [
        'kms:Decrypt',
        'kms:Encrypt',
        'kms:GenerateDataKey',
        'kms:ReEncryptFrom',
        'kms:CreateGrant',
      ])
        add('ssnKey', whoName, { ...who, via: S3 }, action, time, EXPLICIT);
      // The opening grants nothing directly, DescribeKey included: a principal without IAM policy
      // gets it only through a service; an administrator holds it by its own IAM policy anyway.
      add('ssnKey', whoName, who, 'kms:DescribeKey', time, admin(who) ? ALLOWED : IMPLICIT);
    }
  }
  for (const [whoName, who] of OTHERS) {
    for (const time of times) {
      // This account's AWS Backup service-linked role keeps its copy's key use, as under the
      // baseline (proofs.test.ts compares it with the baseline): exempt from the DENYs and allowed by
      // AllowBackupServiceLinkedRoleKeyUse; a direct grant of its own is denied to it as to everyone
      // (CT.KMS.PR.3). A source account's role uses the key through AWS Backup or DynamoDB as before;
      // every other principal of the backup account is sealed out, through a service too.
      const slr = who.kind === 'backupServiceLinkedRole';
      const source = who.kind === 'sourceRole';
      for (const action of KEY_ACTIONS)
        add('ssnKey', whoName, who, action, time, slr && action !== 'kms:CreateGrant' ? ALLOWED : EXPLICIT);
      add(
        'ssnKey',
        whoName,
        { ...who, via: DYNAMODB },
        'kms:Decrypt',
        time,
        slr || source ? ALLOWED : EXPLICIT,
      );
      // Not for the role of P's name under another path: it signs with P's session ARN (no path),
      // which the engine matches to P's Principal element. In AWS it cannot coexist with P (role
      // names are unique in an account), and a Principal element names a role by its unique ID.
      if (who.roleArn?.endsWith('/ops/SsnRestore')) continue;
      // Without an identity policy only the key policy grants: DescribeKey to the service-linked role.
      add(
        'ssnKey',
        `${whoName} (no IAM policy)`,
        { ...who, withoutIdentityPolicy: true },
        'kms:DescribeKey',
        time,
        slr ? ALLOWED : IMPLICIT,
      );
    }
  }
  return rows;
}
