import * as iam from 'aws-cdk-lib/aws-iam';
import type { PolicyJson } from '../policies/policy-json';

/**
 * A policy of the builders (lib/policies, plain JSON) as the CDK object a construct takes. Kept as
 * built (`minimize: false`, whatever the app's `minimizePolicies` flag says): no statement is merged
 * or reordered, so every Sid survives and the template carries the builders' JSON exactly.
 */
export function policyDocumentOf(policy: PolicyJson): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: policy.Statement.map((s) => iam.PolicyStatement.fromJson(s)),
    minimize: false,
  });
}
