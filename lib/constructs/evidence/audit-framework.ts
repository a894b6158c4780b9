import * as backup from 'aws-cdk-lib/aws-backup';
import { Construct } from 'constructs';
import type { BackupAccountConfig } from '../../config/types';
import { AUDIT_REPORT_PREFIX } from '../../policies/evidence-statements';
import { AUDIT_FRAMEWORK_NAME, auditControls, REPORT_TEMPLATES } from './audit-controls';

export interface AuditFrameworkProps {
  readonly config: BackupAccountConfig;
  /** The evidence bucket's name: reports land under its `audit-manager/` prefix. */
  readonly bucketName: string;
}

/**
 * An AWS Backup Audit Manager framework of the controls that evaluate a destination account, and
 * report plans (backup, copy and restore jobs; control compliance) that deliver into the evidence
 * bucket. Audit Manager evaluates through AWS Config, which must record backup resources in the
 * account (doctor checks it); that recording costs money, hence `audit_framework` is off by default.
 */
export class AuditFramework extends Construct {
  readonly framework: backup.CfnFramework;

  constructor(scope: Construct, id: string, props: AuditFrameworkProps) {
    super(scope, id);
    this.framework = new backup.CfnFramework(this, 'Framework', {
      frameworkName: AUDIT_FRAMEWORK_NAME,
      frameworkDescription: 'Controls that evaluate the CompactConnect backup destination account',
      frameworkControls: auditControls(props.config).map((control) => ({
        controlName: control.name,
        controlInputParameters: Object.entries(control.parameters ?? {}).map(
          ([parameterName, parameterValue]) => ({
            parameterName,
            parameterValue,
          }),
        ),
      })),
    });
    for (const template of REPORT_TEMPLATES) {
      const compliance = template === 'CONTROL_COMPLIANCE_REPORT';
      new backup.CfnReportPlan(this, template, {
        reportPlanName: `compactconnect_${template.toLowerCase()}`,
        reportPlanDescription: `${template} of the backup destination account, into the evidence bucket`,
        // Both properties are plain JSON in CloudFormation's schema: its own (Pascal) case.
        reportDeliveryChannel: {
          S3BucketName: props.bucketName,
          S3KeyPrefix: `${AUDIT_REPORT_PREFIX}/${template.toLowerCase()}`,
          Formats: ['CSV', 'JSON'],
        },
        reportSetting: compliance
          ? { ReportTemplate: template, FrameworkArns: [this.framework.attrFrameworkArn] }
          : { ReportTemplate: template },
      });
    }
  }
}
