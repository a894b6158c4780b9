// Claim: nobody deletes evidence or hides it behind a delete marker, nobody reads or writes it
// without TLS, and AWS Backup Audit Manager delivers its reports only under its prefix, with the
// bucket owner in control. The account's administrators (AdministratorAccess, `*:*`) still add
// and read objects; the reports role carries no S3 grant of its own (its managed policy has none
// for PutObject), so only the bucket policy can let it deliver.
import { type Caller, evaluateRequest, type ResourceRequest } from '../../lib/analysis/iam';
import { policyDocument } from '../../lib/policies/documents';
import {
  AUDIT_REPORT_PREFIX,
  backupReportsRoleArn,
  evidenceBucketArn,
  evidenceBucketPolicyStatements,
} from '../../lib/policies/evidence-statements';
import { configWith } from '../support/config';

const config = configWith({ audit_framework: true });
const ACCOUNT = config.backupAccountId;
const REGION = config.backupRegion;
const BUCKET = evidenceBucketArn(config);
const policy = policyDocument(evidenceBucketPolicyStatements(config));

type Who = 'administrator' | 'reports';

/** The request, through the harness's request context: the reports role holds no identity policy. */
function request(
  who: Who,
  action: string,
  resource: string,
  context: Record<string, string> = {},
): ResourceRequest {
  const caller: Caller =
    who === 'reports'
      ? { kind: 'backupRole', roleArn: backupReportsRoleArn(REGION, ACCOUNT) }
      : { kind: 'backupAdmin' };
  return { caller, action, resource, context };
}

const OBJECT = `${BUCKET}/break-glass/trail/0001.json`;
const REPORT = `${BUCKET}/${AUDIT_REPORT_PREFIX}/copy_job_report/report.csv`;
const OWNER_CONTROL = { 's3:x-amz-acl': 'bucket-owner-full-control' };

const cases: [string, ResourceRequest, string, string[]][] = [
  ['an administrator adds evidence', request('administrator', 's3:PutObject', OBJECT), 'Allowed', []],
  ['an administrator reads evidence', request('administrator', 's3:GetObject', OBJECT), 'Allowed', []],
  [
    'an administrator deletes evidence (a delete marker)',
    request('administrator', 's3:DeleteObject', OBJECT),
    'ExplicitlyDenied',
    ['DenyEvidenceDeletion'],
  ],
  [
    'an administrator deletes a version',
    request('administrator', 's3:DeleteObjectVersion', OBJECT),
    'ExplicitlyDenied',
    ['DenyEvidenceDeletion'],
  ],
  [
    'an administrator adds a lifecycle rule that would expire evidence',
    request('administrator', 's3:PutLifecycleConfiguration', BUCKET),
    'ExplicitlyDenied',
    ['DenyEvidenceDeletion'],
  ],
  [
    'an administrator reads without TLS',
    request('administrator', 's3:GetObject', OBJECT, { 'aws:SecureTransport': 'false' }),
    'ExplicitlyDenied',
    ['DenyInsecureTransport'],
  ],
  [
    'Audit Manager delivers a report under its prefix, owner in control',
    request('reports', 's3:PutObject', REPORT, OWNER_CONTROL),
    'Allowed',
    ['AllowAuditReportDelivery'],
  ],
  [
    'Audit Manager delivers without giving the owner control',
    request('reports', 's3:PutObject', REPORT, { 's3:x-amz-acl': 'private' }),
    'ImplicitlyDenied',
    [],
  ],
  [
    'Audit Manager writes outside its prefix',
    request('reports', 's3:PutObject', OBJECT, OWNER_CONTROL),
    'ImplicitlyDenied',
    [],
  ],
  [
    'Audit Manager deletes a report',
    request('reports', 's3:DeleteObject', REPORT),
    'ExplicitlyDenied',
    ['DenyEvidenceDeletion'],
  ],
];

test.each(cases)('%s', async (_name, r, decision, sids) => {
  const result = await evaluateRequest(config, r, policy);
  expect({
    decision: result.decision,
    sids: result.resourceSids,
    ignored: result.ignoredContextKeys,
  }).toEqual({
    decision,
    sids,
    ignored: [],
  });
});

test('each statement decides something: without it, a case above is decided otherwise', async () => {
  for (const sid of policy.Statement.map((s) => s.Sid)) {
    const without = { ...policy, Statement: policy.Statement.filter((s) => s.Sid !== sid) };
    const changed = [];
    for (const [name, r, decision] of cases) {
      const result = await evaluateRequest(config, r, without);
      if (result.decision !== decision) changed.push(name);
    }
    expect({ sid, changed: changed.length > 0 }).toEqual({ sid, changed: true });
  }
});
