import { decodeSidText, encodeSidText } from '../../lib/policies/break-glass-statements';
import { MAX_REASON_BYTES } from '../../lib/break-glass/input';
import { KEY_BREAK_GLASS_RESERVE_BYTES, VAULT_BREAK_GLASS_RESERVE_BYTES } from '../../lib/policies/budgets';
import { openPolicies } from '../../lib/seal/opening';
import { inspect, inspectPolicy } from '../../lib/seal/inspect';
import { comparedWith, driftSummary } from '../../lib/seal/text';
import { policyText, type PolicyJson } from '../../lib/policies/policy-json';
import { BASELINE_TEXT, baseline, OPENING, openedText, RESTORER } from '../break-glass/fixture';

// The UTF-8 bytes of OPENING.reason in hexadecimal.
const REASON_SID = '494e432d3132333420726573746f726520746865206c6963656e736565207461626c65';
const OTHER = 'arn:aws:iam::000011114444:role/SomeoneElse';

test('the reason is stored as hex (letters and digits only) and read back, Unicode included', () => {
  expect(encodeSidText(OPENING.reason)).toBe(REASON_SID);
  expect(encodeSidText('Ünïcode ✓')).toBe('c39c6ec3af636f646520e29c93');
  expect(decodeSidText('c39c6ec3af636f646520e29c93')).toBe('Ünïcode ✓');
  expect(decodeSidText('not hex!')).toBeUndefined();
  expect(decodeSidText('c3')).toBeUndefined(); // half a UTF-8 character
});

test('the opened vault policy keeps every baseline statement, splits the DENY and adds the time-limited ALLOW', () => {
  // WHEN
  const opened = openPolicies(baseline, OPENING).vault;
  // THEN: the whole policy
  expect(opened).toEqual({
    Version: '2012-10-17',
    Statement: [
      baseline.vault.Statement[0],
      baseline.vault.Statement[1],
      baseline.vault.Statement[2],
      {
        Action: [
          'backup:StartRestoreJob',
          'backup:GetRecoveryPointRestoreMetadata',
          'backup:StartCopyJob',
          'backup:CopyFromBackupVault',
        ],
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': RESTORER } },
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Resource: '*',
        Sid: 'DenyEmergencyRestoreOperations',
      },
      {
        Action: [
          'backup:StartRestoreJob',
          'backup:GetRecoveryPointRestoreMetadata',
          'backup:StartCopyJob',
          'backup:CopyFromBackupVault',
        ],
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': RESTORER },
          DateGreaterThanEquals: { 'aws:CurrentTime': '2030-03-01T12:00:00Z' },
        },
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Resource: '*',
        Sid: 'DenyEmergencyRestoreOperationsAfterExpiry',
      },
      baseline.vault.Statement[4],
      {
        Action: ['backup:StartRestoreJob', 'backup:GetRecoveryPointRestoreMetadata'],
        Condition: { DateLessThan: { 'aws:CurrentTime': '2030-03-01T12:00:00Z' } },
        Effect: 'Allow',
        Principal: { AWS: RESTORER },
        Resource: '*',
        Sid: `BreakGlassRestoreAccess${REASON_SID}`,
      },
      {
        Action: ['backup:StartCopyJob', 'backup:CopyFromBackupVault'],
        Condition: { ArnEquals: { 'aws:PrincipalArn': RESTORER } },
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Resource: '*',
        Sid: 'BreakGlassDenyCopyOut',
      },
    ],
  });
});

test('the opened key policy keeps the administration statement unchanged and adds only break-glass statements', () => {
  // WHEN
  const opened = openPolicies(baseline, OPENING).key;
  // THEN: the account DENY is split for the principal; the direct-use DENY stays as it is
  const [admin, use, grants, copies, directDeny, accountDeny, grantControl] = baseline.key.Statement;
  expect(admin.Sid).toBe('EnableInAccountPermissions');
  expect(directDeny.Sid).toBe('DenySSNKeyDecryptOperations');
  expect(accountDeny.Sid).toBe('DenySSNKeyUseInBackupAccount');
  expect(opened.Statement).toEqual([
    admin,
    use,
    grants,
    copies,
    directDeny,
    {
      ...accountDeny,
      Condition: { ...accountDeny.Condition, ArnNotEquals: { 'aws:PrincipalArn': RESTORER } },
    },
    {
      ...accountDeny,
      Sid: 'DenySSNKeyUseInBackupAccountAfterExpiry',
      Condition: {
        ...accountDeny.Condition,
        ArnEquals: { 'aws:PrincipalArn': RESTORER },
        DateGreaterThanEquals: { 'aws:CurrentTime': '2030-03-01T12:00:00Z' },
      },
    },
    grantControl,
    {
      Action: [
        'kms:DescribeKey',
        'kms:Decrypt',
        'kms:Encrypt',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
      ],
      Condition: {
        DateLessThan: { 'aws:CurrentTime': '2030-03-01T12:00:00Z' },
        StringEquals: {
          'kms:ViaService': ['backup.us-west-2.amazonaws.com', 'dynamodb.us-west-2.amazonaws.com'],
        },
      },
      Effect: 'Allow',
      Principal: { AWS: RESTORER },
      Resource: '*',
      Sid: `BreakGlassDecryptAccess${REASON_SID}`,
    },
    {
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:CreateGrant'],
      Condition: {
        ArnEquals: { 'aws:PrincipalArn': RESTORER },
        StringNotEquals: {
          'kms:ViaService': ['backup.us-west-2.amazonaws.com', 'dynamodb.us-west-2.amazonaws.com'],
        },
      },
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Resource: '*',
      Sid: 'BreakGlassDenyOtherKeyPaths',
    },
  ]);
  expect(Buffer.byteLength(policyText(opened))).toBeLessThanOrEqual(32_768);
});

test('opening is built from the baseline: opening an opened policy for another grant does not stack statements', () => {
  const once = openPolicies(baseline, OPENING);
  const again = openPolicies(baseline, { ...OPENING, expiry: '2030-03-01T13:00:00Z' });
  expect(again.vault.Statement).toHaveLength(once.vault.Statement.length);
  expect(again.key.Statement).toHaveLength(once.key.Statement.length);
});

test('a deny that already has the exemption operator on aws:PrincipalArn is refused, not merged blindly', () => {
  const tampered: PolicyJson = {
    ...baseline.vault,
    Statement: baseline.vault.Statement.map((s) =>
      s.Sid === 'DenyEmergencyRestoreOperations'
        ? { ...s, Condition: { ArnNotEquals: { 'aws:PrincipalArn': OTHER } } }
        : s,
    ),
  };
  expect(() => openPolicies({ ...baseline, vault: tampered }, OPENING)).toThrow(
    /already has a ArnNotEquals condition on aws:PrincipalArn/,
  );
});

test('inspect: the baseline is SEALED, also when the service reformats it', () => {
  const pretty = JSON.stringify(JSON.parse(BASELINE_TEXT.vault), null, 4);
  expect(inspect({ vault: pretty, key: BASELINE_TEXT.key }, baseline, new Date())).toEqual({
    kind: 'sealed',
  });
});

test('inspect: an opening reads back as OPEN with principal, expiry and reason, then EXPIRED at the expiry', () => {
  const opened = openedText(OPENING);
  expect(inspect(opened, baseline, new Date('2030-03-01T11:59:59Z'))).toEqual({
    kind: 'open',
    opening: OPENING,
  });
  expect(inspect(opened, baseline, new Date('2030-03-01T12:00:00Z'))).toEqual({
    kind: 'expired',
    opening: OPENING,
  });
});

test('inspect: an opening with a widened ALLOW is DRIFTED, with a diff naming the extra action', () => {
  const opened = openPolicies(baseline, OPENING).vault;
  const widened = {
    ...opened,
    Statement: opened.Statement.map((s) =>
      s.Sid?.startsWith('BreakGlassRestoreAccess')
        ? { ...s, Action: [...(s.Action as string[]), 'backup:DeleteRecoveryPoint'] }
        : s,
    ),
  };
  const state = inspectPolicy('vault', JSON.stringify(widened), baseline.vault);
  expect(state.kind).toBe('drifted');
  if (state.kind !== 'drifted') return;
  expect(driftSummary('vault', state.drift)).toMatch(/differs from what open writes/);
  expect(state.diff).toContain('+         "backup:DeleteRecoveryPoint",');
});

test('inspect: a removed DENY is DRIFTED against the baseline, and the diff shows the missing statement', () => {
  const missing = { ...baseline.key, Statement: baseline.key.Statement.slice(0, 3) };
  const result = inspect({ vault: BASELINE_TEXT.vault, key: JSON.stringify(missing) }, baseline, new Date());
  expect(result.kind).toBe('drifted');
  if (result.kind !== 'drifted') return;
  expect(result.policies.vault).toEqual({ kind: 'sealed' });
  expect(result.policies.key.kind).toBe('drifted');
  if (result.policies.key.kind !== 'drifted') return;
  expect(comparedWith(result.policies.key.drift)).toBe('the baseline');
  expect(result.policies.key.diff).toContain('-       "Sid": "DenySSNKeyDecryptOperations"');
});

test('inspect: vault and key opened for different grants, or one opened alone, is DRIFTED', () => {
  const a = openedText(OPENING);
  const b = openedText({ ...OPENING, principalArn: OTHER });
  expect(inspect({ vault: a.vault, key: b.key }, baseline, new Date()).kind).toBe('drifted');
  expect(inspect({ vault: a.vault, key: BASELINE_TEXT.key }, baseline, new Date()).kind).toBe('drifted');
});

test('inspect: a vault without policy, or a policy that is not JSON, is DRIFTED', () => {
  const none = inspectPolicy('vault', undefined, baseline.vault);
  expect(none).toMatchObject({ kind: 'drifted' });
  if (none.kind !== 'drifted') return;
  expect(driftSummary('vault', none.drift)).toBe('the vault has no access policy');
  const garbage = inspectPolicy('key', '{not json', baseline.key);
  expect(garbage).toMatchObject({ kind: 'drifted' });
  if (garbage.kind !== 'drifted') return;
  expect(driftSummary('key', garbage.drift)).toMatch(/^the key policy is not valid JSON/);
});

test('the worst-case opening fits in the room the stack keeps free in the key and vault policies', () => {
  // GIVEN: the longest reason, and a role with the longest path (512) and name (64) IAM allows
  const longest = {
    principalArn: `arn:aws:iam::000011114444:role/${'p'.repeat(510)}/${'r'.repeat(64)}`,
    expiry: '2030-03-01T12:00:00Z',
    reason: 'x'.repeat(MAX_REASON_BYTES),
  };
  // WHEN
  const opened = openPolicies(baseline, longest);
  // THEN
  const growth = (name: 'key' | 'vault') =>
    Buffer.byteLength(policyText(opened[name])) - Buffer.byteLength(policyText(baseline[name]));
  expect(growth('key')).toBeGreaterThan(2_000);
  expect(growth('key')).toBeLessThanOrEqual(KEY_BREAK_GLASS_RESERVE_BYTES);
  expect(growth('vault')).toBeGreaterThan(2_000);
  expect(growth('vault')).toBeLessThanOrEqual(VAULT_BREAK_GLASS_RESERVE_BYTES);
});
