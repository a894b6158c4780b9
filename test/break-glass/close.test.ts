import { runStatus } from '../../lib/break-glass/commands/status';
import { statusJson } from '../../lib/break-glass/json';
import { closeError, closeText } from '../../lib/break-glass/text';
import { textHash } from '../../lib/policies/policy-json';
import { synthesize } from '../support/synthesis';
import { deployedPolicies } from '../../lib/analysis/iam';
import {
  BASELINE_TEXT,
  config,
  fakeAws,
  OPENING,
  KEY_ID,
  openedText,
  RESTORER,
  runtime,
  serviceError,
  VAULT,
  currentAws,
} from './fixture';
import { close, expectKind } from './commands';

vi.setConfig({ testTimeout: 60_000 });
const OPENED = openedText(OPENING);

test('close writes, byte for byte, the SSN policies of the synthesized template, vault first, and verifies them', async () => {
  // GIVEN: an opening; the template as `cdk synth` makes it
  const fake = fakeAws(OPENED);
  const template = deployedPolicies(synthesize(config).template, config);
  const rt = runtime();
  // WHEN
  const result = expectKind(await close(rt), 'sealed');
  // THEN
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([[VAULT, JSON.stringify(template.ssnVault)]]);
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([[KEY_ID, JSON.stringify(template.ssnKey)]]);
  expect(currentAws().writes.filter((w) => w === 'vault' || w === 'key')).toEqual(['vault', 'key']);
  expect(fake).toMatchObject({
    vault: JSON.stringify(template.ssnVault),
    key: JSON.stringify(template.ssnKey),
  });
  expect(result.write?.byteIdentical).toBe(true);
  expect(closeText(result, rt.auditLogPath)).toContain(
    'SEALED: verified by reading back both policies (byte for byte the baseline).',
  );
  expect(rt.audit()).toMatchObject([
    {
      command: 'close',
      outcome: 'applied',
      principal: RESTORER,
      expiry: OPENING.expiry,
      reason: OPENING.reason,
      sha256: {
        vaultBefore: textHash(OPENED.vault),
        vaultAfter: textHash(BASELINE_TEXT.vault),
        keyBefore: textHash(OPENED.key),
        keyAfter: textHash(BASELINE_TEXT.key),
      },
      backupFile: expect.stringMatching(/backups\/2030-03-01T10-00-00Z-close\.json$/),
    },
  ]);
  expect(statusJson(await runStatus(runtime())).state).toBe('SEALED');
});

test('close on sealed policies writes nothing, and still logs the attempt', async () => {
  fakeAws();
  const rt = runtime();
  expect((await close(rt)).kind).toBe('sealed');
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  expect(rt.audit()).toMatchObject([{ command: 'close', outcome: 'unchanged', principal: null }]);
});

test('close puts back drifted policies too (after saving them), and an expired opening', async () => {
  const key = JSON.parse(BASELINE_TEXT.key);
  key.Statement.pop();
  const drifted = fakeAws({ vault: undefined, key: JSON.stringify(key) });
  expect((await close(runtime())).kind).toBe('sealed');
  expect(drifted).toMatchObject(BASELINE_TEXT);

  const expired = fakeAws(OPENED);
  expect((await close(runtime({ now: new Date('2030-03-02T00:00:00Z') }))).kind).toBe('sealed');
  expect(expired).toMatchObject(BASELINE_TEXT);
});

test('close writes only the policy that differs (half an opening left by a failure)', async () => {
  const fake = fakeAws({ vault: BASELINE_TEXT.vault, key: OPENED.key });
  expect((await close(runtime())).kind).toBe('sealed');
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([[KEY_ID, BASELINE_TEXT.key]]);
  expect(fake).toMatchObject(BASELINE_TEXT);
});

test('if the key write fails after the vault is sealed, close fails closed: the vault is not re-opened (inconsistent); a retry finishes', async () => {
  // GIVEN
  const fake = fakeAws(OPENED);
  fake.failures.putKeyPolicy.push(serviceError('ThrottlingException', 'Rate exceeded'));
  const rt = runtime();
  // WHEN
  const failed = await close(rt);
  expect(failed).toMatchObject({
    kind: 'write-failed',
    failure: { stage: 'second', policy: 'key', firstWritten: true },
  });
  expect(closeError(failed)).toMatch(
    /The vault is sealed, but writing the key policy failed.*run close again/,
  );
  // THEN: one vault write only, the seal; no write puts the opened vault policy back
  expect(currentAws().callsOf('putVaultPolicy')).toHaveLength(1);
  expect(currentAws().callsOf('putVaultPolicy')).not.toContainEqual([VAULT, OPENED.vault]);
  expect(fake).toMatchObject({ vault: BASELINE_TEXT.vault, key: OPENED.key });
  expect(rt.audit()).toMatchObject([
    { outcome: 'failed-inconsistent', error: expect.stringMatching(/Throttled/) },
  ]);
  // WHEN retried
  expect((await close(rt)).kind).toBe('sealed');
  expect(fake).toMatchObject(BASELINE_TEXT);
  expect(rt.audit().map((r) => r.outcome)).toEqual(['failed-inconsistent', 'applied']);
});

test('if the vault write fails, nothing is changed and the key is not written', async () => {
  const fake = fakeAws(OPENED);
  fake.failures.putVaultPolicy.push(serviceError('AccessDeniedException', 'no'));
  expect(await close(runtime())).toMatchObject({
    kind: 'write-failed',
    failure: { stage: 'first', policy: 'vault', causeKind: 'access-denied' },
  });
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  expect(fake).toMatchObject(OPENED);
});

test('a vault that does not exist is a failed write whose cause is not-found', async () => {
  const fake = fakeAws({ vault: undefined, key: BASELINE_TEXT.key });
  fake.failures.putVaultPolicy.push(
    serviceError('ResourceNotFoundException', 'Backup vault CompactConnectBackupVault-SSN not found'),
  );
  const failed = await close(runtime());
  expect(failed).toMatchObject({
    kind: 'write-failed',
    failure: { stage: 'first', causeKind: 'not-found' },
  });
  expect(closeError(failed)).toMatch(/Not found: Backup vault CompactConnectBackupVault-SSN not found/);
});

test('--dry-run shows the changes and writes nothing', async () => {
  fakeAws(OPENED);
  const rt = runtime();
  const result = expectKind(await close(rt, { dryRun: true }), 'sealed');
  expect(result.dryRun).toBe(true);
  expect(closeText(result, rt.auditLogPath).join('\n')).toMatch(
    /^ +- +"Sid": "DenySSNKeyUseInBackupAccountAfterExpiry"$/m,
  );
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  expect(rt.audit()).toEqual([]);
});
