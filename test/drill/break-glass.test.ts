// The drill's emergency path (--break-glass), on the fake accounts: the seal is the world's
// (test/drill/seal.test.ts runs the real tool's adapter), the restore runs as the opened role.
import { drillPlan } from '../../lib/drill/plan';
import { type DrillRecord, stepsOf } from '../../lib/drill/record';
import { cleanUpDrill, drillVerdict, runDrill, startRecord } from '../../lib/drill/run';
import {
  answerFrom,
  breakGlassSettings,
  depsFor,
  DRILL_ROLE,
  healthyWorld,
  KEY_ARN,
  recordsFolder,
  serviceError,
  type World,
  statuses,
} from './world';

const folder = recordsFolder();
afterAll(() => folder.remove());

async function drill(world: World, id: string): Promise<DrillRecord> {
  const deps = depsFor(world, folder.path);
  return runDrill(deps, startRecord(deps, breakGlassSettings, id));
}

test('the emergency path opens for the drill role, restores under the SSN key as it, shows the closed data unreadable, and ends SEALED', async () => {
  const world = answerFrom(healthyWorld());
  const record = await drill(world, '20300301-b00001');
  expect(statuses(record)).toEqual({
    prerequisites: 'passed',
    'source-table': 'passed',
    'source-backup': 'passed',
    copy: 'passed',
    'key-evidence': 'passed',
    restore: 'passed',
    verify: 'passed',
    'break-glass-open': 'passed',
    'break-glass-restore': 'passed',
    'break-glass-verify': 'passed',
    'break-glass-close': 'passed',
    'break-glass-sealed': 'passed',
    'break-glass-cleanup': 'passed',
    cleanup: 'passed',
  });
  expect(drillVerdict(record)).toBe('passed');
  // Opened for the role, the restore ran as it, under the SSN key; the seal came back.
  expect(world.calls.filter((c) => c.startsWith('seal:') && c !== 'seal:status')).toEqual([
    'seal:open',
    'seal:close',
    'seal:cleanup',
  ]);
  expect(world.calls).toContain(`assume:${DRILL_ROLE}`);
  expect(world.calls).toContain('role:startRestoreJob');
  // The SSN copy's restore metadata is read as the role; the operator reads only the general copy's.
  expect(world.calls.filter((c) => c === 'backup:restoreMetadata')).toHaveLength(1);
  expect(world.calls).toContain('role:restoreMetadata');
  expect(record.steps['break-glass-restore']?.evidence).toMatchObject({ keyArn: KEY_ARN.ssn });
  expect(world.made).toContain('SSN restored table');
  expect(record.steps['break-glass-sealed']?.summary).toBe(
    '6 minutes after close, reading compactconnect-backup-drill-20300301-b00001-restored-ssn is refused (AccessDeniedException)',
  );
  expect(world.seal.state).toBe('SEALED');
  expect(world.tables.backup.size).toBe(0);
});

test('restored SSN data still readable after close fails the drill, which still seals and cleans up', async () => {
  const world = healthyWorld();
  world.sealHolds = false;
  const record = await drill(answerFrom(world), '20300301-b00002');
  expect(record.steps['break-glass-sealed']?.status).toBe('failed');
  expect(record.steps['break-glass-sealed']?.summary).toMatch(
    /still read 100 items .* the seal does not hold on restored data$/,
  );
  expect(drillVerdict(record)).toBe('failed');
  expect(record.steps['break-glass-cleanup']?.status).toBe('passed');
  expect(world.seal.state).toBe('SEALED');
});

test('a restore that does not land under the SSN key fails: closing would not seal it', async () => {
  const world = healthyWorld();
  // AWS restoring with its default key whatever the metadata asks (what the step guards against).
  const record = await drill(answerFrom(world), '20300301-b00003').then(async () => {
    const w = healthyWorld();
    answerFrom(w);
    const deps = depsFor(w, folder.path);
    const plain = deps.asRole;
    return runDrill(
      {
        ...deps,
        asRole: async (role) => {
          const aws = await (plain ?? (() => Promise.reject(new Error('no role'))))(role);
          const start = aws.backup.startRestoreJob.bind(aws.backup);
          return {
            ...aws,
            backup: {
              ...aws.backup,
              startRestoreJob: (input) =>
                start({ ...input, metadata: { ...input.metadata, encryptionType: 'Default' } }),
            },
          };
        },
      },
      startRecord(deps, breakGlassSettings, '20300301-b00004'),
    );
  });
  expect(record.steps['break-glass-restore']?.status).toBe('failed');
  expect(record.steps['break-glass-restore']?.summary).toMatch(
    /under an AWS owned key, not the SSN key: closing would not seal it$/,
  );
  expect(record.steps['break-glass-sealed']?.status).toBe('failed');
  expect(drillVerdict(record)).toBe('failed');
});

test('the drill opens only a sealed vault', async () => {
  const world = healthyWorld();
  world.seal = { state: 'OPEN', principal: `arn:aws:iam::000011114444:role/SsnRestore`, reason: 'INC-1' };
  const record = await drill(answerFrom(world), '20300301-b00005');
  expect(record.steps['break-glass-open']?.status).toBe('error');
  expect(record.steps['break-glass-open']?.summary).toBe(
    'the SSN policies are OPEN, not SEALED: the drill opens only a sealed vault (run break-glass status)',
  );
  expect(world.calls).not.toContain('seal:open');
  // --cleanup does not close an opening the drill did not make.
  const cleaned = await cleanUpDrill(depsFor(world, folder.path), record);
  expect(cleaned.steps.cleanup?.status).toBe('passed');
  expect(world.seal.state).toBe('OPEN');
});

test('interrupted while open: --cleanup closes the opening and deletes the SSN restore; --resume finds its own opening', async () => {
  const interrupted = () => {
    const world = healthyWorld();
    world.failures.push({
      side: 'role',
      method: 'scanItems',
      error: serviceError('TimeoutError', 'socket hang up'),
    });
    return answerFrom(world);
  };
  const w1 = interrupted();
  const first = await drill(w1, '20300301-b00006');
  expect(first.steps['break-glass-verify']?.status).toBe('error');
  expect(w1.seal.state).toBe('OPEN');
  const cleaned = await cleanUpDrill(depsFor(w1, folder.path), first);
  expect(cleaned.steps.cleanup?.status).toBe('passed');
  expect(cleaned.resources.cleanup).toMatchObject({
    'break-glass opening': 'closed: SEALED, RESTORED DATA REMAINS',
    'SSN restore compactconnect-backup-drill-20300301-b00006-restored-ssn': expect.stringMatching(
      /^deleted by break-glass cleanup/,
    ),
  });
  expect(w1.seal.state).toBe('SEALED');
  expect(w1.tables.backup.size).toBe(0);

  const w2 = interrupted();
  const second = await drill(w2, '20300301-b00007');
  const resumed = await runDrill(depsFor(w2, folder.path), second);
  expect(drillVerdict(resumed)).toBe('passed');
  expect(w2.calls.filter((c) => c === 'seal:open')).toHaveLength(1);
  expect(resumed.steps['break-glass-open']?.summary).toMatch(/^opened for/);
});

test('the plan shows the emergency path: the opening, the restore under the SSN key as the role, the wait, the cleanup', () => {
  const plan = drillPlan({
    format: 'compactconnect-backup-drill/1',
    id: '20300301-b00008',
    createdAt: '',
    settings: breakGlassSettings,
    destinations: {
      general: { vaultName: 'G', vaultArn: 'arn:g', keyArn: KEY_ARN.general },
      ssn: { vaultName: 'S', vaultArn: 'arn:s', keyArn: KEY_ARN.ssn },
    },
    resources: {},
    steps: {},
  });
  expect(plan.map((p) => p.step)).toEqual(stepsOf(breakGlassSettings));
  const calls = plan.flatMap((p) => p.calls);
  expect(calls).toContain(
    `break-glass open --principal ${DRILL_ROLE} --reason "backup drill 20300301-b00008" --duration 1h --yes`,
  );
  expect(calls).toContain(
    `backup:StartRestoreJob targetTableName=compactconnect-backup-drill-20300301-b00008-restored-ssn encryptionType=KMS kmsMasterKeyArn=${KEY_ARN.ssn}`,
  );
  expect(calls).toContain(
    'wait 6 minutes, then dynamodb:Scan compactconnect-backup-drill-20300301-b00008-restored-ssn (must be refused)',
  );
});
