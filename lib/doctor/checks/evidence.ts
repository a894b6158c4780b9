import { readTrail } from '../../break-glass/trail';
import { policyDocument } from '../../policies/documents';
import { evidenceBucketName, evidenceBucketPolicyStatements } from '../../policies/evidence-statements';
import { parsePolicy, samePolicy } from '../../policies/policy-json';
import { readFailure } from '../aws-errors';
import type { DoctorAws } from '../aws';
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

/**
 * The evidence bucket: Object Lock on in compliance mode with the configured default retention,
 * versioning on, all public access blocked, the bucket policy the model builds (as the vault
 * policies are compared), and the break-glass record's chain intact. `bucket`: the stack's output.
 */
export async function checkEvidence(
  aws: Pick<DoctorAws, 'bucketSettings' | 'listKeys' | 'getObjectText'>,
  ctx: DoctorContext,
  bucketOutput: string | undefined,
): Promise<CheckResult<EvidenceFacts>> {
  const bucket = bucketOutput ?? evidenceBucketName(ctx.config);
  const base = { id: 'evidence', title: `Evidence bucket ${bucket}` };
  const findings: { status: CheckStatus; text: string }[] = [];
  let facts: EvidenceFacts;
  try {
    const settings = await aws.bucketSettings(bucket);
    const expected = policyDocument(evidenceBucketPolicyStatements(ctx.config));
    let asDeployed = false;
    try {
      asDeployed = settings.policy !== undefined && samePolicy(parsePolicy(settings.policy), expected);
    } catch {
      asDeployed = false;
    }
    const { entries, problems } = await readTrail(aws, bucket);
    facts = {
      bucket,
      lockMode: settings.lockMode,
      retentionDays: settings.retentionDays,
      versioning: settings.versioning,
      publicAccessBlocked: settings.publicAccessBlocked,
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
