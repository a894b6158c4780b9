import { readTrail } from '../../break-glass/trail';
import { policyDocument } from '../../policies/documents';
import { evidenceBucketName, evidenceBucketPolicyStatements } from '../../policies/evidence-statements';
import { parsePolicy, samePolicy } from '../../policies/policy-json';
import { unreadable } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { Checked, CheckStatus, DoctorContext, Unreadable } from '../types';
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

/** One setting of the bucket, and whether it is as the stack deploys it. */
export type EvidencePart = { readonly status: CheckStatus } & (
  | {
      readonly kind: 'object-lock';
      readonly mode?: string;
      readonly retentionDays?: number;
      readonly expectedDays: number;
    }
  | { readonly kind: 'versioning'; readonly versioning?: string }
  | { readonly kind: 'public-access' }
  | { readonly kind: 'policy' }
  | { readonly kind: 'record'; readonly records: number; readonly problems: readonly string[] }
);

export type EvidenceFinding =
  | Unreadable
  | { readonly kind: 'bucket'; readonly parts: readonly EvidencePart[] };

export type EvidenceCheck = Checked<'evidence', EvidenceFinding, EvidenceFacts> & { readonly bucket: string };

/**
 * The evidence bucket: Object Lock on in compliance mode with the configured default retention,
 * versioning on, all public access blocked, the bucket policy the model builds (as the vault
 * policies are compared), and the break-glass record's chain intact. `bucket`: the stack's output.
 */
export async function checkEvidence(
  aws: Pick<DoctorAws, 'bucketSettings' | 'listKeys' | 'getObjectText'>,
  ctx: DoctorContext,
  bucketOutput: string | undefined,
): Promise<EvidenceCheck> {
  const bucket = bucketOutput ?? evidenceBucketName(ctx.config);
  const base = { check: 'evidence', id: 'evidence', bucket } as const;
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
    return { ...base, status: 'FAIL', finding: unreadable(error) };
  }
  const want = ctx.config.evidence.retentionDays;
  const pass = (ok: boolean): CheckStatus => (ok ? 'PASS' : 'FAIL');
  const parts: EvidencePart[] = [
    {
      kind: 'object-lock',
      status: pass(facts.lockMode === 'COMPLIANCE' && facts.retentionDays === want),
      mode: facts.lockMode,
      retentionDays: facts.retentionDays,
      expectedDays: want,
    },
    { kind: 'versioning', status: pass(facts.versioning === 'Enabled'), versioning: facts.versioning },
    { kind: 'public-access', status: pass(facts.publicAccessBlocked) },
    { kind: 'policy', status: pass(facts.policyAsDeployed) },
    {
      kind: 'record',
      status: pass(facts.trailProblems.length === 0),
      records: facts.trailRecords,
      problems: facts.trailProblems,
    },
  ];
  return { ...base, status: worst(parts.map((p) => p.status)), finding: { kind: 'bucket', parts }, facts };
}
