import {
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { evidenceAws } from '../../aws/evidence';
import { readTrail } from '../../break-glass/trail';
import { policyDocument } from '../../policies/documents';
import { evidenceBucketName, evidenceBucketPolicyStatements } from '../../policies/evidence-statements';
import { parsePolicy, policyJsonOf, samePolicy } from '../../policies/policy-json';
import { readFailure } from '../aws-errors';
import type { DoctorClients } from '../clients';
import type { CheckResult, CheckStatus, DoctorContext } from '../types';
import { worst } from '../types';

export interface EvidenceFacts {
  readonly bucket: string;
  readonly lockMode?: string;
  readonly retentionDays?: number;
  readonly versioning?: string;
  readonly publicAccessBlocked: boolean;
  readonly policyAsDeployed: boolean;
  readonly trailRecords: number;
  readonly trailProblems: readonly string[];
}

const PUBLIC_ACCESS_SETTINGS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;

/**
 * The evidence bucket: Object Lock on in compliance mode with the configured default retention,
 * versioning on, all public access blocked, the bucket policy the model builds (as the vault
 * policies are compared), and the break-glass record's chain intact. `bucket`: the stack's output.
 */
export async function checkEvidence(
  clients: Pick<DoctorClients, 's3' | 'cloudformation'>,
  ctx: DoctorContext,
  bucketOutput: string | undefined,
): Promise<CheckResult<EvidenceFacts>> {
  const bucket = bucketOutput ?? evidenceBucketName(ctx.config);
  const base = { id: 'evidence', title: `Evidence bucket ${bucket}` };
  const findings: { status: CheckStatus; text: string }[] = [];
  let facts: EvidenceFacts;
  try {
    const [lock, versioning, access, policy] = await Promise.all([
      clients.s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket })),
      clients.s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
      clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
      clients.s3.send(new GetBucketPolicyCommand({ Bucket: bucket })),
    ]);
    const retention = lock.ObjectLockConfiguration?.Rule?.DefaultRetention;
    const days = retention?.Days ?? (retention?.Years === undefined ? undefined : retention.Years * 365);
    const block = access.PublicAccessBlockConfiguration;
    const expected = policyJsonOf(policyDocument(evidenceBucketPolicyStatements(ctx.config)));
    let asDeployed = false;
    try {
      asDeployed = policy.Policy !== undefined && samePolicy(parsePolicy(policy.Policy), expected);
    } catch {
      asDeployed = false;
    }
    const { entries, problems } = await readTrail(evidenceAws(clients), bucket);
    facts = {
      bucket,
      lockMode: lock.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled' ? retention?.Mode : undefined,
      retentionDays: days,
      versioning: versioning.Status,
      publicAccessBlocked: PUBLIC_ACCESS_SETTINGS.every((s) => block?.[s] === true),
      policyAsDeployed: asDeployed,
      trailRecords: entries.length,
      trailProblems: problems,
    };
  } catch (error) {
    return { ...base, status: 'FAIL', summary: `cannot be read: ${readFailure(error)}`, details: [] };
  }
  const want = ctx.config.evidence.retentionDays;
  findings.push(
    facts.lockMode === 'COMPLIANCE' && facts.retentionDays === want
      ? { status: 'PASS', text: `Object Lock COMPLIANCE, ${want} days` }
      : {
          status: 'FAIL',
          text: `Object Lock ${facts.lockMode ?? 'off'}${facts.retentionDays === undefined ? '' : `, ${facts.retentionDays} days`} (expected COMPLIANCE, ${want} days)`,
        },
    facts.versioning === 'Enabled'
      ? { status: 'PASS', text: 'versioning on' }
      : { status: 'FAIL', text: `versioning ${facts.versioning ?? 'never enabled'}` },
    facts.publicAccessBlocked
      ? { status: 'PASS', text: 'public access blocked' }
      : { status: 'FAIL', text: 'public access NOT fully blocked' },
    facts.policyAsDeployed
      ? { status: 'PASS', text: 'bucket policy as deployed' }
      : { status: 'FAIL', text: 'bucket policy differs from the one the stack deploys' },
    facts.trailProblems.length === 0
      ? { status: 'PASS', text: `break-glass record intact (${facts.trailRecords} records)` }
      : { status: 'FAIL', text: 'break-glass record NOT intact: run break-glass audit' },
  );
  return {
    ...base,
    status: worst(findings.map((f) => f.status)),
    summary: findings.map((f) => f.text).join('; '),
    details: [...facts.trailProblems],
    facts,
  };
}
