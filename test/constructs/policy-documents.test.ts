import { App, Stack } from 'aws-cdk-lib';
import { policyDocumentOf } from '../../lib/constructs/policy-documents';
import {
  alertKeyPolicy,
  alertTopicPolicy,
  evidenceBucketPolicyStatements,
  evidenceKeyPolicyStatements,
  freshnessCheckPolicy,
  keyPolicy,
  policyDocument,
  vaultPolicy,
} from '../../lib/policies';
import type { PolicyJson } from '../../lib/policies/policy-json';
import { restoreRolePolicy, restoreValidationPolicy } from '../../lib/policies/restore-testing-statements';
import { configWith } from '../support/config';

// The builders' JSON is what the template carries: converted for a construct and resolved, every
// policy comes back exactly as built (same statements, order, element order and value forms), also
// under the app's `minimizePolicies` flag, which would otherwise merge statements and drop Sids.
const config = configWith({
  source_account_ids: ['000011112222', '000011113333'],
  source_regions: ['us-east-1', 'eu-west-1'],
  audit_framework: true,
});
const context = { region: config.backupRegion, accountId: config.backupAccountId };
const KEY_ARN = 'arn:aws:kms:us-west-2:000011114444:key/00000000-0000-0000-0000-000000000000';
const policies: Record<string, PolicyJson> = {
  generalKey: keyPolicy('general', config),
  ssnKey: keyPolicy('ssn', config),
  generalVault: vaultPolicy('general', config),
  ssnVault: vaultPolicy('ssn', config),
  evidenceBucket: policyDocument(evidenceBucketPolicyStatements(config)),
  evidenceKey: policyDocument(evidenceKeyPolicyStatements(config)),
  alertKey: alertKeyPolicy(context),
  alertTopic: alertTopicPolicy(context),
  freshnessRole: freshnessCheckPolicy(context, ['a', 'b'], KEY_ARN),
  restoreRole: restoreRolePolicy(context, KEY_ARN),
  validationRole: restoreValidationPolicy(context, KEY_ARN, { bucketArn: 'arn:aws:s3:::b', keyArn: KEY_ARN }),
};

test.each(Object.entries(policies))('%s: the construct form resolves to the builder JSON', (_, policy) => {
  const stack = new Stack(new App({ context: { '@aws-cdk/aws-iam:minimizePolicies': true } }));
  expect(JSON.stringify(stack.resolve(policyDocumentOf(policy)))).toBe(JSON.stringify(policy));
});
