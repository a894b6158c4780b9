import { entryHash, entryText, type TrailEntry, trailKey } from '../../lib/break-glass/trail';
import { checkEvidence, type EvidencePart } from '../../lib/doctor/checks/evidence';
import { configWith } from '../support/config';
import { synthesize } from '../support/synthesis';
import { aws, context, healthyWorld, install, type World, worded } from './fixture';

const BUCKET = 'compactconnect-backup-evidence-000011114444-us-west-2';
/** The check's result, with the words the report prints for it. */
const run = async () => worded(await checkEvidence(aws(), context(), BUCKET));

/** Two chained records, as the break-glass tool writes them. */
function withTrail(world: World): string[] {
  const first: TrailEntry = {
    sequence: 1,
    previous: null,
    time: '2030-03-01T09:00:00Z',
    event: 'open',
    phase: 'before',
    record: { outcome: 'started' },
  };
  const second: TrailEntry = { ...first, sequence: 2, previous: entryHash(first), phase: 'after' };
  for (const e of [first, second]) world.evidence.objects.set(trailKey(e), entryText(e));
  return [trailKey(first), trailKey(second)];
}

test('PASS: compliance lock for the configured days, versioning, public access blocked, the policy as built, the chain intact', async () => {
  const world = healthyWorld();
  withTrail(world);
  install(world);
  const result = await run();
  expect(result.status).toBe('PASS');
  expect(result.finding).toEqual({
    kind: 'bucket',
    parts: [
      { kind: 'object-lock', status: 'PASS', mode: 'COMPLIANCE', retentionDays: 2190, expectedDays: 2190 },
      { kind: 'versioning', status: 'PASS', versioning: 'Enabled' },
      { kind: 'public-access', status: 'PASS' },
      { kind: 'policy', status: 'PASS' },
      { kind: 'record', status: 'PASS', records: 2, problems: [] },
    ],
  });
  expect(result.summary).toBe(
    'Object Lock COMPLIANCE, 2190 days; versioning on; public access blocked; bucket policy as deployed; break-glass record intact (2 records)',
  );
});

test.each<[string, (w: World) => void, RegExp, EvidencePart['kind']]>([
  [
    'governance mode',
    (w) => (w.evidence.settings.lockMode = 'GOVERNANCE'),
    /Object Lock GOVERNANCE, 2190 days \(expected COMPLIANCE/,
    'object-lock',
  ],
  [
    'a shorter retention',
    (w) => (w.evidence.settings.retentionDays = 30),
    /Object Lock COMPLIANCE, 30 days \(expected COMPLIANCE, 2190/,
    'object-lock',
  ],
  [
    'versioning suspended',
    (w) => (w.evidence.settings.versioning = 'Suspended'),
    /versioning Suspended/,
    'versioning',
  ],
  [
    'public access not fully blocked',
    (w) => (w.evidence.settings.publicAccessBlocked = false),
    /public access NOT fully blocked/,
    'public-access',
  ],
  [
    'a policy without its deletion DENY',
    (w) => {
      const policy = JSON.parse(w.evidence.settings.policy!);
      policy.Statement = policy.Statement.filter((s: { Sid: string }) => s.Sid !== 'DenyEvidenceDeletion');
      w.evidence.settings.policy = JSON.stringify(policy);
    },
    /bucket policy differs/,
    'policy',
  ],
  [
    'a missing record',
    (w) => w.evidence.objects.delete(withTrail(w)[0]),
    /break-glass record NOT intact/,
    'record',
  ],
])('FAIL: %s', async (_name, breakIt, message, failed) => {
  const world = healthyWorld();
  breakIt(world);
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
  const parts = result.finding.kind === 'bucket' ? result.finding.parts : [];
  expect(parts.filter((p) => p.status === 'FAIL').map((p) => p.kind)).toEqual([failed]);
  expect(result.summary).toMatch(message);
});

test('the policy doctor expects is the one the synthesized template deploys', () => {
  const config = configWith();
  const template = synthesize(config).template;
  const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).filter(
    (p) => p.Properties.Bucket === BUCKET,
  );
  expect(policies).toHaveLength(1);
  expect(JSON.parse(healthyWorld().evidence.settings.policy!)).toEqual(policies[0].Properties.PolicyDocument);
});
