import type { EvidenceCheck, EvidencePart } from '../checks/evidence';
import type { CheckText } from './check-text';
import { failureText } from './words';

export function evidenceText({ bucket, finding }: EvidenceCheck): CheckText {
  const title = `Evidence bucket ${bucket}`;
  if (finding.kind === 'unreadable')
    return { title, summary: `cannot be read: ${failureText(finding.failure)}`, details: [] };
  return {
    title,
    summary: finding.parts.map(partText).join('; '),
    details: finding.parts.flatMap((p) => (p.kind === 'record' ? p.problems : [])),
  };
}

function partText(p: EvidencePart): string {
  const ok = p.status === 'PASS';
  switch (p.kind) {
    case 'object-lock':
      return ok
        ? `Object Lock COMPLIANCE, ${p.expectedDays} days`
        : `Object Lock ${p.mode ?? 'off'}${p.retentionDays === undefined ? '' : `, ${p.retentionDays} days`} (expected COMPLIANCE, ${p.expectedDays} days)`;
    case 'versioning':
      return ok ? 'versioning on' : `versioning ${p.versioning ?? 'never enabled'}`;
    case 'public-access':
      return ok ? 'public access blocked' : 'public access NOT fully blocked';
    case 'policy':
      return ok ? 'bucket policy as deployed' : 'bucket policy differs from the one the stack deploys';
    case 'record':
      return ok
        ? `break-glass record intact (${p.records} records)`
        : 'break-glass record NOT intact: run break-glass audit';
  }
}
