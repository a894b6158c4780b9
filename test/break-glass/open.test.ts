import { previewOpen, type OpenOptions } from '../../lib/break-glass/commands/open';
import { runStatus } from '../../lib/break-glass/commands/status';
import { statusJson } from '../../lib/break-glass/json';
import { openError, openPlanText, openText } from '../../lib/break-glass/text';
import { OPEN_QUESTION } from '../../lib/break-glass/cli-flow';
import { textHash } from '../../lib/policies/policy-json';
import {
  BASELINE_TEXT,
  fakeAws,
  OPENING,
  KEY_ARN,
  KEY_ID,
  OPERATOR_ARN,
  openedText,
  RESTORER,
  runtime,
  objectJson,
  serviceError,
  VAULT,
  currentAws,
} from './fixture';
import { expectKind, open } from './commands';

const ARGS: OpenOptions = { principal: RESTORER, reason: OPENING.reason, duration: '2h', yes: true };
const OPENED = openedText(OPENING); // the clock is 10:00, so 2h ends at OPENING.expiry
const OTHER = 'arn:aws:iam::000011114444:role/SomeoneElse';

test('open writes the key policy, then the vault policy, exactly as built, saves a backup first and logs it', async () => {
  // GIVEN
  const fake = fakeAws();
  const rt = runtime();
  // WHEN
  const result = expectKind(await open(rt, ARGS), 'opened');
  // THEN: the exact texts, key first
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([[KEY_ID, OPENED.key]]);
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([[VAULT, OPENED.vault]]);
  expect(currentAws().writes.filter((w) => w === 'vault' || w === 'key')).toEqual(['key', 'vault']);
  expect(fake).toMatchObject({ vault: OPENED.vault, key: OPENED.key });
  // the backup, named in the output, holds the policies as they were
  const saved = result.write?.backupFile ?? '';
  expect(openText(result, rt.auditLogPath)).toContain(`Saved the current policies to ${saved}`);
  expect(objectJson(fake, saved)).toMatchObject({
    command: 'open',
    vault: { name: VAULT, policy: BASELINE_TEXT.vault },
    key: { keyId: KEY_ID, arn: KEY_ARN, policy: BASELINE_TEXT.key },
  });
  // the audit record: who, when, what, and the four hashes
  expect(rt.audit()).toEqual([
    {
      time: '2030-03-01T10:00:00Z',
      command: 'open',
      outcome: 'applied',
      caller: { account: '000011114444', arn: OPERATOR_ARN, userId: 'AROAEXAMPLE:jane' },
      account: '000011114444',
      region: 'us-west-2',
      vaultName: VAULT,
      keyArn: KEY_ARN,
      principal: RESTORER,
      expiry: '2030-03-01T12:00:00Z',
      reason: OPENING.reason,
      sha256: {
        vaultBefore: textHash(BASELINE_TEXT.vault),
        vaultAfter: textHash(OPENED.vault),
        keyBefore: textHash(BASELINE_TEXT.key),
        keyAfter: textHash(OPENED.key),
      },
      backupFile: saved,
    },
  ]);
  expect(textHash(OPENED.vault)).not.toBe(textHash(BASELINE_TEXT.vault));
  expect(result.write?.record).toEqual(rt.audit()[0]);
  expect(openText(result, rt.auditLogPath)).toContain(`  ${JSON.stringify(rt.audit()[0])}`);
  // and status agrees
  expect(statusJson(await runStatus(runtime())).state).toBe('OPEN');
});

test('--dry-run prints the diff and the exact texts, and writes nothing (no backup, no audit)', async () => {
  fakeAws();
  const rt = runtime();
  const result = await open(rt, { ...ARGS, yes: false, dryRun: true });
  expect(result).toMatchObject({ kind: 'planned', plan: { texts: OPENED } });
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
  const text = openText(result, rt.auditLogPath).join('\n');
  expect(text).toMatch(/^ +\+ +"Sid": "DenyEmergencyRestoreOperationsAfterExpiry"$/m);
  expect(text).toMatch(/^ +\+ +"Sid": "DenySSNKeyUseInBackupAccountAfterExpiry"$/m);
  expect(text).toContain(`  vault ${VAULT}: ${OPENED.vault}`);
  expect(text).toContain(`  key ${KEY_ARN}: ${OPENED.key}`);
  expect(text).toContain('Dry run: nothing written.');
  expect(rt.audit()).toEqual([]);
});

test('without --yes and without a terminal, nothing is applied', async () => {
  fakeAws();
  const rt = runtime();
  expect(await open(rt, { ...ARGS, yes: false })).toMatchObject({
    kind: 'refused',
    reason: 'no-terminal',
    message: expect.stringMatching(/pass --yes/),
  });
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  expect(rt.audit()).toEqual([]);
});

test('an interactive confirmation applies only on "yes"', async () => {
  fakeAws();
  const declined = runtime();
  expect(await open(declined, { ...ARGS, yes: false }, async () => false)).toMatchObject({
    kind: 'refused',
    reason: 'not-confirmed',
    message: 'Nothing written: not confirmed.',
  });
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);

  const shown: string[] = [];
  const accepted = runtime();
  const result = expectKind(
    await open(
      accepted,
      { ...ARGS, yes: false },
      async (question) => (shown.push(question), true),
      (line) => shown.push(line),
    ),
    'opened',
  );
  expect(shown).toEqual([...openPlanText(result.plan), OPEN_QUESTION]); // the plan is shown before the question
  expect(currentAws().callsOf('putKeyPolicy')).toHaveLength(1);
});

test('if the vault write fails, the key policy is put back as it was (rolled back), and a retry then succeeds', async () => {
  // GIVEN: the vault write is denied once
  const fake = fakeAws();
  fake.failures.putVaultPolicy.push(
    serviceError('AccessDeniedException', 'not authorized to PutBackupVaultAccessPolicy'),
  );
  const rt = runtime();
  // WHEN / THEN
  const failed = await open(rt, ARGS);
  expect(failed).toMatchObject({
    kind: 'write-failed',
    failure: { stage: 'rolled-back' },
  });
  expect(openError(failed)).toMatch(
    /Writing the vault policy failed \(Access denied.*the key policy was put back/,
  );
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([
    [KEY_ID, OPENED.key],
    [KEY_ID, BASELINE_TEXT.key],
  ]);
  expect(fake).toMatchObject({ vault: BASELINE_TEXT.vault, key: BASELINE_TEXT.key });
  expect(rt.audit()).toMatchObject([
    {
      outcome: 'failed-rolled-back',
      sha256: { keyAfter: textHash(BASELINE_TEXT.key), vaultAfter: textHash(BASELINE_TEXT.vault) },
      error: expect.stringMatching(/Access denied/),
    },
  ]);
  // WHEN retried
  expect((await open(rt, ARGS)).kind).toBe('opened');
  expect(fake).toMatchObject({ vault: OPENED.vault, key: OPENED.key });
  expect(rt.audit().map((r) => r.outcome)).toEqual(['failed-rolled-back', 'applied']);
});

test('if the rollback fails too, the failed write says so (rollback) and points to close', async () => {
  const fake = fakeAws();
  fake.failures.putVaultPolicy.push(serviceError('ThrottlingException', 'Rate exceeded'));
  fake.failures.putKeyPolicy.push(null, serviceError('ThrottlingException', 'Rate exceeded')); // the rollback fails
  const rt = runtime();
  const failed = await open(rt, ARGS);
  expect(failed).toMatchObject({
    kind: 'write-failed',
    failure: { stage: 'rollback' },
  });
  expect(openError(failed)).toMatch(
    /putting the key policy back failed too.*run close \(the previous policies are in .*backups/,
  );
  expect(fake.key).toBe(OPENED.key);
  expect(fake.vault).toBe(BASELINE_TEXT.vault);
  expect(rt.audit()[0]).toMatchObject({ outcome: 'failed-inconsistent' });
  // status sees half an opening, not an opening
  fakeAws({ vault: fake.vault, key: fake.key });
  expect(statusJson(await runStatus(runtime())).state).toBe('DRIFTED');
});

test('half an opening left by a failure (key open, vault sealed) is completed by re-running open', async () => {
  const fake = fakeAws({ vault: BASELINE_TEXT.vault, key: OPENED.key });
  expect((await open(runtime(), ARGS)).kind).toBe('opened');
  expect(fake).toMatchObject({ vault: OPENED.vault, key: OPENED.key });
});

test('if the first write (key) fails, the vault is not touched and the failure names its cause', async () => {
  const fake = fakeAws();
  fake.failures.putKeyPolicy.push(serviceError('ThrottlingException', 'Rate exceeded'));
  const rt = runtime();
  const failed = await open(rt, ARGS);
  expect(failed).toMatchObject({
    kind: 'write-failed',
    failure: { stage: 'first', policy: 'key', firstWritten: false, causeKind: 'throttled' },
  });
  expect(openError(failed)).toMatch(/^Writing the key policy failed; nothing was changed\. Throttled/);
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
  expect(rt.audit()[0]).toMatchObject({ outcome: 'failed-nothing-changed' });
});

test('re-running open with the same arguments at the same time writes nothing', async () => {
  fakeAws(OPENED);
  const rt = runtime();
  const result = expectKind(await open(rt, ARGS), 'unchanged');
  expect(openText(result, rt.auditLogPath)).toContain(
    'The policies already carry exactly this opening: nothing to write.',
  );
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
  expect(rt.audit()).toMatchObject([{ outcome: 'unchanged', backupFile: null }]);
});

test('re-running open later for the same principal rewrites the opening from the baseline with the new expiry', async () => {
  const fake = fakeAws(OPENED);
  const later = runtime({ now: new Date('2030-03-01T11:00:00Z') });
  expect((await open(later, ARGS)).kind).toBe('opened');
  expect(fake).toMatchObject(openedText({ ...OPENING, expiry: '2030-03-01T13:00:00Z' }));
});

test('an opening for someone else that has not expired is left alone: open refuses', async () => {
  fakeAws(openedText({ ...OPENING, principalArn: OTHER }));
  expect(await open(runtime(), ARGS)).toMatchObject({
    kind: 'refused',
    reason: 'policies-not-openable',
    message: expect.stringMatching(/open for arn:aws:iam::000011114444:role\/SomeoneElse.*run close first/),
  });
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
});

test('an expired opening for someone else may be replaced', async () => {
  const fake = fakeAws(openedText({ ...OPENING, principalArn: OTHER, expiry: '2030-03-01T09:00:00Z' }));
  expect((await open(runtime(), ARGS)).kind).toBe('opened');
  expect(fake).toMatchObject(OPENED);
});

test('drifted policies are not overwritten by open', async () => {
  const key = JSON.parse(BASELINE_TEXT.key);
  key.Statement.pop();
  fakeAws({ vault: BASELINE_TEXT.vault, key: JSON.stringify(key) });
  expect(await open(runtime(), ARGS)).toMatchObject({
    kind: 'refused',
    reason: 'policies-not-openable',
    message: expect.stringMatching(/SSN key policy: DRIFTED.*close puts the baseline back/),
  });
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
});

test('invalid arguments are refused before any AWS call', async () => {
  fakeAws();
  await expect(open(runtime(), { ...ARGS, duration: '13h' })).rejects.toMatchObject({
    reason: 'duration-invalid',
  });
  await expect(open(runtime(), { ...ARGS, reason: ' ' })).rejects.toMatchObject({ reason: 'reason-invalid' });
  await expect(
    open(runtime(), { ...ARGS, principal: 'arn:aws:iam::000011112222:role/X' }),
  ).rejects.toMatchObject({
    reason: 'principal-invalid',
  });
  expect(currentAws().callsOf('callerIdentity')).toEqual([]);
});

test('a read-back that differs from what was written is a failed write (read-back)', async () => {
  const fake = fakeAws();
  fake.putKeyPolicy = async () => {
    fake.key = BASELINE_TEXT.key; // the write "succeeds" but the key keeps its old policy
  };
  const rt = runtime();
  const failed = await open(rt, ARGS);
  expect(failed).toMatchObject({
    kind: 'write-failed',
    failure: { stage: 'read-back', differs: ['key'] },
  });
  expect(openError(failed)).toMatch(/reading them back gives something else \(key\)/);
  expect(rt.audit()[0]).toMatchObject({ outcome: 'failed-inconsistent' });
});

test("open refuses while the key alias names another key than the vault's", async () => {
  const fake = fakeAws();
  fake.keys.set('other', { keyId: 'other', arn: 'arn:aws:kms:us-west-2:000011114444:key/other', policy: '' });
  fake.aliases.set('alias/compactconnect-ssn-backup-key', 'other');
  expect(await open(runtime(), ARGS)).toMatchObject({
    kind: 'refused',
    reason: 'alias-drift',
    message: expect.stringMatching(
      /alias\/compactconnect-ssn-backup-key names key .*key\/other, but vault .* encrypts with key/,
    ),
  });
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
});

test('open warns when the role does not exist, and says nothing when it may not ask (iam:GetRole denied)', async () => {
  const fake = fakeAws();
  fake.roles = new Set();
  const missing = expectKind(await open(runtime(), { ...ARGS, dryRun: true }), 'planned');
  expect(fake.callsOf('roleExists')).toEqual([['SsnRestore']]);
  expect(missing.plan.principalExists).toBe(false);
  expect(openText(missing, '')).toContain(
    `  Warning: the role ${RESTORER} does not exist (iam:GetRole): create it before the restore, or check the ARN.`,
  );
  fake.roles = undefined; // iam:GetRole refused
  const unknown = expectKind(await open(runtime(), { ...ARGS, dryRun: true }), 'planned');
  expect(unknown.plan.principalExists).toBeUndefined();
  expect(openText(unknown, '').join('\n')).not.toContain('Warning');
});

test('--dry-run lists what the role needs for a DynamoDB restore besides the opening', async () => {
  fakeAws();
  const text = openText(await open(runtime(), { ...ARGS, dryRun: true }), '').join('\n');
  expect(text).toContain('What the role needs besides this opening, for a DynamoDB restore:');
  for (const need of [
    'backup:StartRestoreJob',
    'iam:PassRole',
    'AWSBackupServiceRolePolicyForRestores',
    'backup.amazonaws.com',
  ])
    expect(text).toContain(need);
});

test('--dry-run --offline previews the exact statements from the configuration alone, without AWS', () => {
  fakeAws();
  const preview = previewOpen(runtime(), { ...ARGS, dryRun: true, offline: true });
  expect(preview).toMatchObject({
    kind: 'planned',
    plan: { offline: true, texts: OPENED, vaultName: VAULT },
  });
  const text = openText(preview, '').join('\n');
  expect(text).toContain('offline preview: from the configuration alone');
  expect(text).toMatch(/^ +\+ +"Sid": "BreakGlassDenyCopyOut"$/m);
  expect(text).toContain(`  vault ${VAULT}: ${OPENED.vault}`);
  expect(currentAws().callsOf('callerIdentity')).toEqual([]);
  expect(currentAws().calls.filter((c) => /Key/.test(c.method))).toEqual([]);
  expect(currentAws().calls.filter((c) => /Vault|Restore/.test(c.method))).toEqual([]);
});

test('--dry-run writes out the restore to run: as the role, into a table encrypted with the SSN key', async () => {
  fakeAws();
  const result = expectKind(await open(runtime(), { ...ARGS, dryRun: true }), 'planned');
  expect(result.plan.restoreCommand).toEqual([
    'aws backup start-restore-job --region us-west-2 \\',
    `  --recovery-point-arn <the recovery point's ARN in ${VAULT}> \\`,
    `  --iam-role-arn ${RESTORER} \\`,
    '  --resource-type DynamoDB \\',
    `  --metadata targetTableName=<new table name>,encryptionType=KMS,kmsMasterKeyArn=${KEY_ARN}`,
  ]);
  const text = openText(result, '').join('\n');
  expect(text).toContain(
    'The restore, as the role, into a table encrypted with the SSN key (any other key leaves the restored data readable after close):',
  );
  expect(text).toContain(`encryptionType=KMS,kmsMasterKeyArn=${KEY_ARN}`);
  // offline, the key ARN is not known: the command says where to find it
  const offline = expectKind(previewOpen(runtime(), { ...ARGS, dryRun: true, offline: true }), 'planned');
  expect(offline.plan.restoreCommand.at(-1)).toBe(
    '  --metadata targetTableName=<new table name>,encryptionType=KMS,kmsMasterKeyArn=<the SSN key ARN: npm run break-glass -- integration>',
  );
});
