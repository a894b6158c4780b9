import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import type { Construct } from 'constructs';

/**
 * The compliance rule packs every synthesis runs (SSN data is personal data): AWS Solutions,
 * NIST 800-53 rev 5 and HIPAA Security. Any finding that is not acknowledged, next to the resource
 * it concerns and with its reason, fails the synthesis.
 */
export function applyCompliancePacks(app: Construct): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(),
    new NIST80053R5Checks(),
    new HIPAASecurityChecks(),
  );
}
