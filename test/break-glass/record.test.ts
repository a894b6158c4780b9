// The break-glass record in the account: every record and backup is written into the evidence
// bucket before the change it records; a second operator sees the first one's opening; the
// baseline is the deployed template's; a gap or an altered record is found; a deployment during an
// opening is named and recorded.
import { baselinePolicies } from '../../lib/seal/baseline';
import { runAudit } from '../../lib/break-glass/commands/audit';
import { runStatus } from '../../lib/break-glass/commands/status';
import { statusJson } from '../../lib/break-glass/json';
import { statusText } from '../../lib/break-glass/text';
import { entryText, TRAIL_PREFIX } from '../../lib/break-glass/trail';
import { policyText } from '../../lib/policies/policy-json';
import { configWith } from '../support/config';
import { addTable, RESTORED, RESTORED_ARN, restoreJob, restoredBy } from './data';
import {
  BASELINE_TEXT,
  fakeAws,
  OPENING,
  OPERATOR_ARN,
  openedText,
  RESTORER,
  runtime,
  serviceError,
  templateText,
  trailEntries,
  currentAws,
} from './fixture';
import { cleanup, close, expectKind, open } from './commands';

vi.setConfig({ testTimeout: 60_000 });
const OPEN_ARGS = { principal: RESTORER, reason: OPENING.reason, duration: '2h', yes: true };
const OPENED = openedText(OPENING);

describe('the record is written before each change', () => {
  test('open: the backup and the "before" record reach the bucket before either policy, the outcome after', async () => {
    const fake = fakeAws();
    await open(runtime(), OPEN_ARGS);
    expect(fake.writes.map((w) => w.replace(/^s3:break-glass\/(\w+)\/.*-(\w+)\.json$/, 's3:$1:$2'))).toEqual([
      's3:backups:open',
      's3:trail:open',
      'key',
      'vault',
      's3:trail:open',
    ]);
    expect(trailEntries(fake).map((e) => [e.sequence, e.event, e.phase, e.record.outcome])).toEqual([
      [1, 'open', 'before', 'started'],
      [2, 'open', 'after', 'applied'],
    ]);
  });

  test('close: the record comes before the vault and key writes', async () => {
    const fake = fakeAws(OPENED);
    await close(runtime());
    expect(fake.writes.map((w) => (w.startsWith('s3:') ? w.split('/')[1] : w))).toEqual([
      'backups',
      'trail',
      'vault',
      'key',
      'trail',
    ]);
  });

  test.each([
    ['the backup', 0],
    ['the "before" record', 1],
  ])('open: when %s cannot be written, no policy changes and the error says why', async (_what, n) => {
    const fake = fakeAws();
    fake.failures.putNewObject.push(...Array<null>(n).fill(null), serviceError('AccessDenied'));
    await expect(open(runtime(), OPEN_ARGS)).rejects.toMatchObject({
      reason: 'record-unwritable',
      aws: 'access-denied',
      message: expect.stringMatching(/^Nothing changed: .* could not be written to s3:\/\//),
    });
    expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
    expect(currentAws().callsOf('putVaultPolicy')).toEqual([]);
    expect({ vault: fake.vault, key: fake.key }).toEqual(BASELINE_TEXT);
  });

  test('open: when the outcome cannot be recorded after the change, the error says the state is uncertain', async () => {
    const fake = fakeAws();
    fake.failures.putNewObject.push(null, null, serviceError('AccessDenied'));
    await expect(open(runtime(), OPEN_ARGS)).rejects.toMatchObject({
      reason: 'outcome-unrecorded',
      message: expect.stringMatching(
        /^The open was carried out \(applied\), but its outcome could not be recorded/,
      ),
    });
    expect({ vault: fake.vault, key: fake.key }).toEqual(OPENED);
    expect(trailEntries(fake).map((e) => e.phase)).toEqual(['before']);
  });

  test('close: when the record cannot be written, the opening stays as it is', async () => {
    const fake = fakeAws(OPENED);
    fake.failures.putNewObject.push(null, serviceError('ServiceUnavailable', 'S3 is down'));
    await expect(close(runtime())).rejects.toMatchObject({
      reason: 'record-unwritable',
      message: expect.stringMatching(/Nothing changed/),
    });
    expect({ vault: fake.vault, key: fake.key }).toEqual(OPENED);
  });

  test('cleanup: a table is deleted only after its deletion is recorded; if that fails it stays', async () => {
    const fake = fakeAws();
    fake.restoreJobs = [restoreJob('r1')];
    addTable(fake, restoredBy('r1'));
    const arn = RESTORED_ARN;
    fake.failures.putNewObject.push(serviceError('AccessDenied'));
    const failed = await cleanup(runtime(), { yes: true });
    expect(failed).toMatchObject({
      kind: 'delete-failed',
      deleted: [],
      cause: { reason: 'record-unwritable', aws: 'access-denied' },
    });
    expect(fake.tables.has(RESTORED)).toBe(true);
    const done = expectKind(await cleanup(runtime(), { yes: true }), 'deleted');
    expect(done.deleted).toEqual([arn]);
    expect(fake.writes.filter((w) => !w.includes('backups'))).toEqual([
      expect.stringMatching(/trail\/00000001-.*-cleanup\.json$/),
      `delete:${RESTORED}`,
      expect.stringMatching(/trail\/00000002-.*-cleanup\.json$/),
    ]);
  });
});

test('a second operator with an empty local folder sees the first one’s opening, reason, expiry and acceptance', async () => {
  const fake = fakeAws();
  await open(runtime(), OPEN_ARGS);
  const second = runtime(); // another laptop: its own, empty, local folder
  expect(second.audit()).toEqual([]);
  const statusRaw = await runStatus(second);
  const status = statusJson(statusRaw);
  expect(status).toMatchObject({
    state: 'OPEN',
    opening: {
      by: OPERATOR_ARN,
      principal: RESTORER,
      reason: OPENING.reason,
      expiry: OPENING.expiry,
      sequence: 2,
    },
    record: { records: 2, problems: [] },
  });
  expect(statusText(statusRaw).join('\n')).toContain(
    `Record: opened by ${OPERATOR_ARN} at 2030-03-01T10:00:00Z`,
  );
  // the first operator keeps a restored table deliberately; the second sees that acceptance
  fake.restoreJobs = [restoreJob('r1')];
  addTable(fake, restoredBy('r1'));
  await close(runtime(), { acceptRestored: 'INC-1234 kept for the investigation' });
  const afterRaw = await runStatus(runtime());
  const after = statusJson(afterRaw);
  expect(after.opening).toBeUndefined();
  expect(after.restored.items[0].accepted).toMatchObject({ reason: 'INC-1234 kept for the investigation' });
});

test('closing an expired opening records when access ended, before the close', async () => {
  const fake = fakeAws(openedText({ ...OPENING, expiry: '2030-03-01T09:00:00Z' }));
  await close(runtime());
  expect(trailEntries(fake).map((e) => [e.event, e.phase, e.record.outcome])).toEqual([
    ['expiry', 'note', 'expired'],
    ['close', 'before', 'started'],
    ['close', 'after', 'applied'],
  ]);
  expect(trailEntries(fake)[0].record).toMatchObject({ time: '2030-03-01T09:00:00Z', principal: RESTORER });
});

test('status still answers when the record cannot be read, and says so', async () => {
  fakeAws(OPENED).failures.listKeys.push(serviceError('AccessDenied', 'no s3:ListBucket'));
  const resultRaw = await runStatus(runtime());
  const result = statusJson(resultRaw);
  expect(result).toMatchObject({
    state: 'OPEN',
    record: { bucket: null, unreadable: expect.stringMatching(/^Access denied by AWS: no s3:ListBucket/) },
  });
  expect(statusText(resultRaw).at(-1)).toMatch(/^Record: NOT READ \(Access denied/);
});

describe('the baseline is the deployed template’s', () => {
  const other = configWith({ source_account_ids: ['210987654321', '333344445555'] });
  const deployed = baselinePolicies(other);

  test('close restores the deployed policies, and says the local configuration differs', async () => {
    const fake = fakeAws(OPENED);
    fake.stack.template = templateText(deployed);
    const result = expectKind(await close(runtime()), 'sealed');
    expect(result.baselineNote).toMatch(
      /local configuration would build a different SSN vault and key policy/,
    );
    expect({ vault: fake.vault, key: fake.key }).toEqual({
      vault: policyText(deployed.vault),
      key: policyText(deployed.key),
    });
  });

  test('status compares with the deployed policies: SEALED, with the note', async () => {
    const fake = fakeAws({ vault: policyText(deployed.vault), key: policyText(deployed.key) });
    fake.stack.template = templateText(deployed);
    const resultRaw = await runStatus(runtime());
    const result = statusJson(resultRaw);
    expect(result.state).toBe('SEALED');
    expect(statusText(resultRaw).join('\n')).toContain('Note: The local configuration would build');
  });

  test('close refuses, writing nothing, when the template has no vault of the configured name', async () => {
    const fake = fakeAws(OPENED);
    fake.stack.template = JSON.stringify({ Resources: {} });
    await expect(close(runtime())).rejects.toMatchObject({
      reason: 'baseline-not-in-template',
      message: expect.stringMatching(/cannot be reconciled/),
    });
    expect({ vault: fake.vault, key: fake.key }).toEqual(OPENED);
    expect(fake.writes).toEqual([]);
  });
});

describe('audit verifies the chain', () => {
  async function trailOfFour() {
    const fake = fakeAws();
    await open(runtime(), OPEN_ARGS);
    await close(runtime());
    return fake;
  }

  test('an intact trail: intact, every record listed with its retention', async () => {
    await trailOfFour();
    const result = await runAudit(runtime());
    expect(result).toMatchObject({ kind: 'intact', total: 4, problems: [] });
    expect(result.records.map((r) => r.retention.mode)).toEqual(Array(4).fill('COMPLIANCE'));
    expect((await runAudit(runtime(), { since: '2030-03-02' })).records).toEqual([]);
  });

  test('a missing record is a gap: the record is broken', async () => {
    const fake = await trailOfFour();
    const keys = [...fake.objects.keys()].filter((k) => k.startsWith(TRAIL_PREFIX)).sort();
    fake.objects.delete(keys[1]);
    const result = await runAudit(runtime());
    expect(result.kind).toBe('broken');
    expect(result.problems).toEqual([expect.stringMatching(/record 2 missing before/)]);
  });

  test('an altered record breaks the chain at the next one: the record is broken', async () => {
    const fake = await trailOfFour();
    const key = [...fake.objects.keys()].filter((k) => k.startsWith(TRAIL_PREFIX)).sort()[1];
    const entry = JSON.parse(fake.objects.get(key)!);
    entry.record.reason = 'something else';
    fake.objects.set(key, entryText(entry)); // even rewritten canonically, the next link no longer matches
    const result = await runAudit(runtime());
    expect(result.kind).toBe('broken');
    expect(result.problems).toEqual([expect.stringMatching(/00000003-.*the chain is broken/)]);
  });

  test('a record without compliance-mode retention is reported', async () => {
    const fake = await trailOfFour();
    const key = [...fake.objects.keys()].filter((k) => k.startsWith(TRAIL_PREFIX)).sort()[0];
    fake.retention.set(key, { mode: 'GOVERNANCE', retainUntil: '2040-01-01T00:00:00.000Z' });
    expect((await runAudit(runtime())).problems).toEqual([
      expect.stringMatching(/GOVERNANCE, not COMPLIANCE/),
    ]);
  });
});

test('a deployment during an opening: status names it, and the next command records it', async () => {
  const fake = fakeAws();
  await open(runtime(), OPEN_ARGS);
  // cdk deploy: CloudFormation writes the template's policies back
  fake.vault = BASELINE_TEXT.vault;
  fake.key = BASELINE_TEXT.key;
  fake.stack.lastUpdated = new Date('2030-03-01T10:30:00Z');
  const later = runtime({ now: new Date('2030-03-01T10:45:00Z') });
  const statusRaw = await runStatus(later);
  const status = statusJson(statusRaw);
  expect(status.state).toBe('SEALED');
  expect(status.endedByStackUpdate).toMatchObject({ at: '2030-03-01T10:30:00.000Z', openingSequence: 2 });
  expect(statusText(statusRaw).join('\n')).toContain('ended by a stack update at 2030-03-01T10:30:00.000Z');
  await close(later);
  expect(trailEntries(fake).map((e) => [e.event, e.record.outcome])).toEqual([
    ['open', 'started'],
    ['open', 'applied'],
    ['stack-update', 'ended-by-stack-update'],
    ['close', 'unchanged'],
  ]);
  expect(statusJson(await runStatus(later)).endedByStackUpdate).toBeUndefined();
});

test('cleanup after a deployment during an opening records that the deployment ended it', async () => {
  const fake = fakeAws();
  await open(runtime(), OPEN_ARGS);
  fake.vault = BASELINE_TEXT.vault;
  fake.key = BASELINE_TEXT.key;
  fake.stack.lastUpdated = new Date('2030-03-01T10:30:00Z');
  await cleanup(runtime({ now: new Date('2030-03-01T10:45:00Z') }), { yes: true });
  expect(trailEntries(fake).map((e) => e.event)).toEqual(['open', 'open', 'stack-update']);
  expect(trailEntries(fake)[2]).toMatchObject({
    phase: 'note',
    record: { outcome: 'ended-by-stack-update', time: '2030-03-01T10:30:00.000Z', openingSequence: 2 },
  });
});

describe('a refused open is recorded in the trail, except in a dry run', () => {
  const OTHER = 'arn:aws:iam::000011114444:role/SomeoneElse';

  test('refused by the policies: one note with the refusal, nothing written to the policies', async () => {
    const fake = fakeAws(openedText({ ...OPENING, principalArn: OTHER }));
    expect(await open(runtime(), OPEN_ARGS)).toMatchObject({
      kind: 'refused',
      reason: 'policies-not-openable',
    });
    expect(trailEntries(fake).map((e) => [e.event, e.phase, e.record.outcome, e.record.principal])).toEqual([
      ['refused', 'note', 'refused', RESTORER],
    ]);
    expect(trailEntries(fake)[0].record.error).toMatch(
      /^Nothing written; the SSN policies are not in a state/,
    );
    expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  });

  test('in a dry run the refusal is not recorded', async () => {
    const fake = fakeAws(openedText({ ...OPENING, principalArn: OTHER }));
    expect(await open(runtime(), { ...OPEN_ARGS, dryRun: true })).toMatchObject({ kind: 'refused' });
    expect(trailEntries(fake)).toEqual([]);
  });

  test('not confirmed at the terminal: the refusal is recorded with its reason', async () => {
    const fake = fakeAws();
    const outcome = await open(runtime(), { ...OPEN_ARGS, yes: false }, async () => false);
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'not-confirmed' });
    expect(trailEntries(fake).map((e) => [e.event, e.record.error])).toEqual([
      ['refused', 'Nothing written: not confirmed.'],
    ]);
    expect(currentAws().callsOf('putKeyPolicy')).toEqual([]);
  });
});
