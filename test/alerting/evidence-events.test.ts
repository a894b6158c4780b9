// The evidence bucket's and key's alert rules, evaluated offline against CloudTrail records as
// EventBridge delivers them: every protection change of the bucket (and only of that bucket), every
// change of its key, match; reads, object writes and other buckets do not. The patterns are read
// from the synthesized template, so what is tested is what deploys.
import {
  EVIDENCE_BUCKET_CHANGE_EVENTS,
  evidenceBucketChangePattern,
} from '../../lib/constructs/alerting/evidence-events';
import { KEY_CHANGE_EVENTS } from '../../lib/constructs/alerting/audit-events';
import { evidenceBucketName } from '../../lib/policies/evidence-statements';
import { configWith } from '../support/config';
import { matchesEventPattern } from '../support/event-pattern';
import { synthesize } from '../support/synthesis';

const config = configWith();
const BUCKET = evidenceBucketName(config);
const ACCOUNT = config.backupAccountId;

type Resource = { Type: string; Properties: Record<string, unknown> };
const { template } = synthesize(config);
const resources = template.toJSON().Resources as Record<string, Resource>;

/** The deployed pattern of the rule whose logical ID starts with `Alerting<name>`. */
function deployedPattern(name: string): Record<string, unknown> {
  const found = Object.entries(resources).filter(
    ([id, r]) => r.Type === 'AWS::Events::Rule' && new RegExp(`^Alerting${name}[0-9A-F]{8}$`).test(id),
  );
  expect(found).toHaveLength(1);
  return found[0][1].Properties.EventPattern as Record<string, unknown>;
}

/** The evidence key's ARN and ID tokens, as the template names them. */
const keyLogicalId = Object.entries(resources).find(
  ([id, r]) => r.Type === 'AWS::KMS::Key' && id.startsWith('Evidence'),
)?.[0];

function event(
  source: string,
  eventName: string,
  requestParameters: Record<string, unknown>,
  resourcesArn?: string,
) {
  return {
    version: '0',
    id: '1',
    'detail-type': 'AWS API Call via CloudTrail',
    source,
    account: ACCOUNT,
    time: '2030-03-01T10:00:00Z',
    region: config.backupRegion,
    resources: [],
    detail: {
      eventSource: `${source.replace('aws.', '')}.amazonaws.com`,
      eventName,
      userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/x` },
      requestParameters,
      ...(resourcesArn
        ? { resources: [{ ARN: resourcesArn, accountId: ACCOUNT, type: 'AWS::KMS::Key' }] }
        : {}),
    },
  };
}

/** What must alert, named here rather than read from the code: policy, lock, versioning, public access, encryption. */
const REQUIRED = [
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'PutObjectLockConfiguration',
  'PutBucketVersioning',
  'PutBucketPublicAccessBlock',
  'DeleteBucketPublicAccessBlock',
  'PutBucketEncryption',
  'DeleteBucketEncryption',
];

describe('evidence bucket changes', () => {
  const pattern = deployedPattern('EvidenceBucketChanges');

  test('the deployed pattern is the builder’s', () => {
    const built = evidenceBucketChangePattern(BUCKET);
    expect(pattern).toEqual({ source: built.source, 'detail-type': built.detailType, detail: built.detail });
  });

  test.each([...new Set([...REQUIRED, ...EVIDENCE_BUCKET_CHANGE_EVENTS])])(
    '%s on the evidence bucket matches',
    (name) => {
      expect(matchesEventPattern(pattern, event('aws.s3', name, { bucketName: BUCKET }))).toBe(true);
    },
  );

  test('the same calls on another bucket, and reads and object writes on this one, do not', () => {
    expect(
      matchesEventPattern(pattern, event('aws.s3', 'PutBucketPolicy', { bucketName: 'another-bucket' })),
    ).toBe(false);
    for (const name of ['GetBucketPolicy', 'PutObject', 'GetObjectLockConfiguration'])
      expect(matchesEventPattern(pattern, event('aws.s3', name, { bucketName: BUCKET }))).toBe(false);
  });
});

describe('evidence key changes', () => {
  const pattern = deployedPattern('EvidenceKeyChanges');

  test('the rule watches the evidence key, by its ARN and ID', () => {
    expect(keyLogicalId).toBeDefined();
    expect(JSON.stringify(pattern)).toContain(`"Ref":"${keyLogicalId}"`);
    expect(JSON.stringify(pattern)).toContain(`"Fn::GetAtt":["${keyLogicalId}","Arn"]`);
  });

  test.each([...KEY_CHANGE_EVENTS])('%s on the evidence key matches; on another key it does not', (name) => {
    // Resolve the key's tokens to one ARN and ID, as CloudFormation would.
    const keyArn = `arn:aws:kms:${config.backupRegion}:${ACCOUNT}:key/evidence-key-id`;
    const resolved = JSON.parse(
      JSON.stringify(pattern)
        .replaceAll(`{"Fn::GetAtt":["${keyLogicalId}","Arn"]}`, JSON.stringify(keyArn))
        .replaceAll(`{"Ref":"${keyLogicalId}"}`, '"evidence-key-id"'),
    );
    expect(matchesEventPattern(resolved, event('aws.kms', name, { keyId: 'evidence-key-id' }, keyArn))).toBe(
      true,
    );
    expect(matchesEventPattern(resolved, event('aws.kms', name, { keyId: 'other-key-id' }))).toBe(false);
  });
});
