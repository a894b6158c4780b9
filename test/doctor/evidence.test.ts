import { entryHash, entryText, type TrailEntry, trailKey } from '../../lib/break-glass/trail';
import { checkEvidence } from '../../lib/doctor/checks/evidence';
import { configWith } from '../support/config';
import { synthesize } from '../support/synthesis';
import { aws, context, healthyWorld, install, type World } from './fixture';

const BUCKET = 'compactconnect-backup-evidence-000011114444-us-west-2';
const run = () => checkEvidence(aws(), context(), BUCKET);

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
  expect(result.summary).toBe(
    'Object Lock COMPLIANCE, 2190 days; versioning on; public access blocked; bucket policy as deployed; break-glass record intact (2 records)',
  );
});

test.each<[string, (w: World) => void, RegExp]>([
  [
    'governance mode',
    (w) => (w.evidence.settings.lockMode = 'GOVERNANCE'),
    /Object Lock GOVERNANCE, 2190 days \(expected COMPLIANCE/,
  ],
  [
    'a shorter retention',
    (w) => (w.evidence.settings.retentionDays = 30),
    /Object Lock COMPLIANCE, 30 days \(expected COMPLIANCE, 2190/,
  ],
  ['versioning suspended', (w) => (w.evidence.settings.versioning = 'Suspended'), /versioning Suspended/],
  [
    'public access not fully blocked',
    (w) => (w.evidence.settings.publicAccessBlocked = false),
    /public access NOT fully blocked/,
  ],
  [
    'a policy without its deletion DENY',
    (w) => {
      const policy = JSON.parse(w.evidence.settings.policy!);
      policy.Statement = policy.Statement.filter((s: { Sid: string }) => s.Sid !== 'DenyEvidenceDeletion');
      w.evidence.settings.policy = JSON.stringify(policy);
    },
    /bucket policy differs/,
  ],
  ['a missing record', (w) => w.evidence.objects.delete(withTrail(w)[0]), /break-glass record NOT intact/],
])('FAIL: %s', async (_name, breakIt, message) => {
  const world = healthyWorld();
  breakIt(world);
  install(world);
  const result = await run();
  expect(result.status).toBe('FAIL');
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
