import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { composeApp } from '../lib/app';
import { configWith } from './support/config';
import { synthesize, WITHOUT_CLOUDFORMATION_VALIDATION } from './support/synthesis';
import { ctSqsPr1, passesCtKmsPr3 } from './support/control-tower';

interface Finding {
  pack: string;
  rule: string;
  path: string;
  reason?: string;
}

let outdir: string;
beforeEach(() => (outdir = mkdtempSync(join(tmpdir(), 'compliance-'))));
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

/** Synthesizes with findings reported instead of thrown, and reads cdk-nag's report. */
function findings(extend: (app: App) => void = () => undefined): {
  open: Finding[];
  acknowledged: Finding[];
} {
  const app = new App({
    ...WITHOUT_CLOUDFORMATION_VALIDATION,
    outdir,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
  });
  composeApp(app, configWith());
  extend(app);
  const assembly = app.synth();
  const file = join(assembly.directory, 'validation-report.json');
  if (!existsSync(file)) return { open: [], acknowledged: [] };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const flatten = (kind: 'violations' | 'suppressedViolations'): Finding[] =>
    report.pluginReports.flatMap(
      (
        plugin: { pluginName: string } & Record<
          string,
          { ruleName: string; violatingConstructs: { constructPath: string }[]; reason?: string }[]
        >,
      ) =>
        (plugin[kind] ?? []).flatMap((v) =>
          v.violatingConstructs.map((c) => ({
            pack: plugin.pluginName,
            rule: v.ruleName,
            path: c.constructPath,
            reason: v.reason,
          })),
        ),
    );
  return { open: flatten('violations'), acknowledged: flatten('suppressedViolations') };
}

const FRESHNESS = 'BackupAccountStack/Alerting/FreshnessCheck';
const LOG_STREAMS =
  'arn:aws:logs:us-west-2:000011114444:log-group:/compactconnect/backup-account/freshness-check:log-stream:*';
const CONCURRENCY =
  'One scheduled invocation an hour needs no cap; reserving concurrency fails to deploy where the account quota leaves no room above the unreserved minimum Lambda keeps (new accounts can start at a quota of 10).';
const EVIDENCE = 'BackupAccountStack/Evidence';
const LOGS_SSE_S3 = 'S3 delivers server access logs only to buckets encrypted with S3-managed keys.';
const NOT_REPLICATED =
  'The backup account is itself the separate account and region that holds copies; the evidence is kept under Object Lock here.';
const VPC =
  'The function only calls AWS APIs (AWS Backup, SNS, CloudWatch Logs) over TLS and holds no data; the backup account has no VPC, and one with interface endpoints would add cost and failure modes to the alerting.';

/** A key without rotation, added to the app: the packs must report it, and nothing else. */
const addUnrotatedKey = (app: App) => new kms.Key(app.node.findChild('BackupAccountStack'), 'UnrotatedKey');

test('the app has no open finding under AwsSolutions, NIST 800-53 rev 5 and HIPAA Security; these are acknowledged; the packs do run (an unrotated key added is reported)', () => {
  // One synthesis serves both: the only open findings are those of the added key.
  const { open, acknowledged } = findings(addUnrotatedKey);
  expect(open.map((f) => `${f.rule} @ ${f.path}`).sort()).toEqual([
    'AwsSolutions-KMS5 @ BackupAccountStack/UnrotatedKey/Resource',
    'NIST.800.53.R5-KMSBackingKeyRotationEnabled @ BackupAccountStack/UnrotatedKey/Resource',
  ]);
  expect({ acknowledged: inOrder(acknowledged) }).toEqual({
    acknowledged: inOrder([
      {
        pack: 'AwsSolutions',
        rule: 'AwsSolutions-SQS3',
        path: 'BackupAccountStack/Alerting/DeadLetterQueue/Resource',
        reason:
          "This queue is itself the dead-letter queue of the alerting's EventBridge targets; EventBridge sends to it directly, so a redrive queue of its own would only hold what nothing reads.",
      },
      {
        pack: 'AwsSolutions',
        rule: `AwsSolutions-IAM5[Resource::${LOG_STREAMS}]`,
        path: `${FRESHNESS}/Policy/Resource`,
        reason:
          'Lambda names the log streams of its own log group at run time; the grant is limited to CreateLogStream and PutLogEvents in that one log group.',
      },
      {
        pack: 'NIST.800.53.R5',
        rule: 'NIST.800.53.R5-LambdaConcurrency',
        path: `${FRESHNESS}/Function/Resource`,
        reason: CONCURRENCY,
      },
      {
        pack: 'NIST.800.53.R5',
        rule: 'NIST.800.53.R5-LambdaInsideVPC',
        path: `${FRESHNESS}/Function/Resource`,
        reason: VPC,
      },
      {
        pack: 'HIPAA.Security',
        rule: 'HIPAA.Security-LambdaConcurrency',
        path: `${FRESHNESS}/Function/Resource`,
        reason: CONCURRENCY,
      },
      {
        pack: 'HIPAA.Security',
        rule: 'HIPAA.Security-LambdaInsideVPC',
        path: `${FRESHNESS}/Function/Resource`,
        reason: VPC,
      },
      ...evidenceAcknowledgements(),
    ]),
  });
});

/** Findings in one order (pack, path, rule), so that a list is compared as a set of findings. */
function inOrder<F extends { pack: string; path: string; rule: string }>(findings: readonly F[]): F[] {
  const key = (f: F) => `${f.pack}\u0000${f.path}\u0000${f.rule}`;
  return [...findings].sort((a, b) => key(a).localeCompare(key(b)));
}

/** The evidence buckets' acknowledgements: the access-log bucket's encryption, and replication for both. */
function evidenceAcknowledgements() {
  const logs = `${EVIDENCE}/AccessLogs/Resource`;
  return (['NIST.800.53.R5', 'HIPAA.Security'] as const).flatMap((pack) => [
    { pack, rule: `${pack}-S3DefaultEncryptionKMS`, path: logs, reason: LOGS_SSE_S3 },
    {
      pack,
      rule: `${pack}-S3BucketReplicationEnabled`,
      path: `${EVIDENCE}/Bucket/Resource`,
      reason: NOT_REPLICATED,
    },
    { pack, rule: `${pack}-S3BucketReplicationEnabled`, path: logs, reason: NOT_REPLICATED },
  ]);
}

test('an unacknowledged finding fails the synthesis', () => {
  const app = new App({ ...WITHOUT_CLOUDFORMATION_VALIDATION, outdir });
  composeApp(app, configWith());
  addUnrotatedKey(app);
  expect(() => app.synth()).toThrow(/AwsSolutions-KMS5/);
});

describe('AWS Control Tower CT.KMS.PR.3 (grants only by or for AWS services), which can block deployments as a hook', () => {
  const keys = () =>
    Object.entries(synthesize().template.findResources('AWS::KMS::Key')).map(
      ([id, key]) => [id, key.Properties.KeyPolicy] as const,
    );

  test('every key of the stack passes: both vault keys, the alert key and the evidence key', () => {
    const results = keys().map(([id, policy]) => [id, passesCtKmsPr3(policy)]);
    expect(results).toHaveLength(4);
    expect(results.every(([, passes]) => passes)).toBe(true);
  });

  test('the check fails a key without the statement, or with any other condition on it', () => {
    const [, policy] = keys()[0];
    const control = policy.Statement.find((s: { Sid?: string }) => s.Sid === 'DenyGrantsNotForAWSServices');
    const others = policy.Statement.filter((s: unknown) => s !== control);
    expect(passesCtKmsPr3({ ...policy, Statement: others })).toBe(false);
    const widened = { ...control, Condition: { ...control.Condition, Null: { 'kms:ViaService': 'true' } } };
    expect(passesCtKmsPr3({ ...policy, Statement: [...others, widened] })).toBe(false);
    const oneKey = { ...control, Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false' } } };
    expect(passesCtKmsPr3({ ...policy, Statement: [...others, oneKey] })).toBe(false);
    expect(
      passesCtKmsPr3({ ...policy, Statement: [...others, { ...control, Principal: { AWS: '*' } }] }),
    ).toBe(true);
  });
});

describe('AWS Control Tower CT.SQS.PR.1 (a dead-letter queue for every queue, or the queue is one)', () => {
  test("the stack's one queue, the alert dead-letter queue, declares itself a dead-letter queue (allowAll): exempt", () => {
    const template = synthesize().template.toJSON();
    const queues = Object.entries(template.Resources as Record<string, { Type: string; Properties: unknown }>)
      .filter(([, r]) => r.Type === 'AWS::SQS::Queue')
      .map(([id, r]) => [
        id,
        (r.Properties as { RedriveAllowPolicy?: unknown }).RedriveAllowPolicy,
        ctSqsPr1(template, r.Properties),
      ]);
    expect(queues).toEqual([['AlertingDeadLetterQueue28CDA92E', { redrivePermission: 'allowAll' }, 'SKIP']]);
  });

  test("the check follows the control's rule: AWS's PASS and FAIL examples, and the cases its scenarios name", () => {
    const queue = (Properties: Record<string, unknown>) => ({ Type: 'AWS::SQS::Queue', Properties });
    // AWS's example templates: a queue with a dead-letter queue, the dead-letter queue itself, a bare queue.
    const examples = {
      Resources: {
        Source: queue({
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 3 },
        }),
        Dlq: queue({ RedriveAllowPolicy: { redrivePermission: 'allowAll' } }),
        Bare: queue({}),
      },
    };
    const verdict = (properties: Record<string, unknown>) => ctSqsPr1(examples, properties);
    expect(verdict(examples.Resources.Source.Properties)).toBe('PASS');
    expect(verdict(examples.Resources.Dlq.Properties)).toBe('SKIP');
    expect(verdict(examples.Resources.Bare.Properties)).toBe('FAIL');
    expect(
      verdict({ RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: ['arn:q'] } }),
    ).toBe('SKIP');
    // denyAll is not a declared dead-letter queue for the control: the queue needs one of its own.
    expect(verdict({ RedriveAllowPolicy: { redrivePermission: 'denyAll' } })).toBe('FAIL');
    expect(
      verdict({ RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-west-2:000011114444:dlq' } }),
    ).toBe('PASS');
    expect(verdict({ RedrivePolicy: { deadLetterTargetArn: '  ' } })).toBe('FAIL');
    expect(verdict({ RedrivePolicy: { deadLetterTargetArn: { Ref: 'Missing' } } })).toBe('FAIL');
    expect(verdict({ RedrivePolicy: { maxReceiveCount: 3 } })).toBe('FAIL');
  });
});
