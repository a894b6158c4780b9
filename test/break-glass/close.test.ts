import { runClose } from '../../lib/break-glass/commands/close';
import { runStatus } from '../../lib/break-glass/commands/status';
import { statusJson } from '../../lib/break-glass/json';
import { closeText } from '../../lib/break-glass/text';
import { EXIT } from '../../lib/cli';
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

jest.setTimeout(60_000);
const OPENED = openedText(OPENING);

test('close writes, byte for byte, the SSN policies of the synthesized template, vault first, and verifies them', async () => {
  // GIVEN: an opening; the template as `cdk synth` makes it
  const fake = fakeAws(OPENED);
  const template = deployedPolicies(synthesize(config).template, config);
  const rt = runtime();
  // WHEN
  const result = await runClose(rt);
  const code = result.exitCode;
  // THEN
  expect(code).toBe(EXIT.ok);
  expect(currentAws().callsOf('putVaultPolicy')).toHaveLength(1);
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([[VAULT, JSON.stringify(template.ssnVault)]]);
  expect(currentAws().callsOf('putKeyPolicy')).toHaveLength(1);
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
  expect((await runClose(rt)).exitCode).toBe(EXIT.ok);
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  expect(rt.audit()).toMatchObject([{ command: 'close', outcome: 'unchanged', principal: null }]);
});

test('close puts back drifted policies too (after saving them), and an expired opening', async () => {
  const key = JSON.parse(BASELINE_TEXT.key);
  key.Statement.pop();
  const drifted = fakeAws({ vault: undefined, key: JSON.stringify(key) });
  expect((await runClose(runtime())).exitCode).toBe(EXIT.ok);
  expect(drifted).toMatchObject(BASELINE_TEXT);

  const expired = fakeAws(OPENED);
  expect((await runClose(runtime({ now: new Date('2030-03-02T00:00:00Z') }))).exitCode).toBe(EXIT.ok);
  expect(expired).toMatchObject(BASELINE_TEXT);
});

test('close writes only the policy that differs (half an opening left by a failure)', async () => {
  const fake = fakeAws({ vault: BASELINE_TEXT.vault, key: OPENED.key });
  expect((await runClose(runtime())).exitCode).toBe(EXIT.ok);
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([[KEY_ID, BASELINE_TEXT.key]]);
  expect(fake).toMatchObject(BASELINE_TEXT);
});

test('if the key write fails after the vault is sealed, close fails closed: the vault is not re-opened (exit 9); a retry finishes', async () => {
  // GIVEN
  const fake = fakeAws(OPENED);
  fake.failures.putKeyPolicy.push(serviceError('ThrottlingException', 'Rate exceeded'));
  const rt = runtime();
  // WHEN
  expect(await runClose(rt)).toMatchObject({
    exitCode: EXIT.inconsistent,
    error: expect.stringMatching(/The vault is sealed, but writing the key policy failed.*run close again/),
  });
  // THEN: one vault write only, the seal; no write puts the opened vault policy back
  expect(currentAws().callsOf('putVaultPolicy')).toHaveLength(1);
  expect(currentAws().callsOf('putVaultPolicy')).not.toContainEqual([VAULT, OPENED.vault]);
  expect(fake).toMatchObject({ vault: BASELINE_TEXT.vault, key: OPENED.key });
  expect(rt.audit()).toMatchObject([
    { outcome: 'failed-inconsistent', error: expect.stringMatching(/Throttled/) },
  ]);
  // WHEN retried
  expect((await runClose(rt)).exitCode).toBe(EXIT.ok);
  expect(fake).toMatchObject(BASELINE_TEXT);
  expect(rt.audit().map((r) => r.outcome)).toEqual(['failed-inconsistent', 'applied']);
});

test('if the vault write fails, nothing is changed and the key is not written', async () => {
  const fake = fakeAws(OPENED);
  fake.failures.putVaultPolicy.push(serviceError('AccessDeniedException', 'no'));
  expect(await runClose(runtime())).toMatchObject({ exitCode: EXIT.accessDenied });
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  expect(fake).toMatchObject(OPENED);
});

test('a vault that does not exist ends with exit 7 (not found)', async () => {
  const fake = fakeAws({ vault: undefined, key: BASELINE_TEXT.key });
  fake.failures.putVaultPolicy.push(
    serviceError('ResourceNotFoundException', 'Backup vault CompactConnectBackupVault-SSN not found'),
  );
  expect(await runClose(runtime())).toMatchObject({
    exitCode: EXIT.notFound,
    error: expect.stringMatching(/Not found: Backup vault CompactConnectBackupVault-SSN not found/),
  });
});

test('--dry-run shows the changes and writes nothing', async () => {
  fakeAws(OPENED);
  const rt = runtime();
  const result = await runClose(rt, { dryRun: true });
  expect(result.exitCode).toBe(EXIT.ok);
  expect(closeText(result, rt.auditLogPath).join('\n')).toMatch(
    /^ +- +"Sid": "DenySSNKeyUseInBackupAccountAfterExpiry"$/m,
  );
  expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
  expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  expect(rt.audit()).toEqual([]);
});
