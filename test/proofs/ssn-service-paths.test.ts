// Claim: the AWS service paths a copy into the SSN vault may take stay open: the source accounts'
// principals through AWS Backup or DynamoDB (AllowSSNBackupOperations, AllowSSNGrantCreation), this
// account's AWS Backup service-linked role (copy-key-use.test.ts), and the service principal
// backup.amazonaws.com (not denied). A source account's own service-linked role calling directly is
// denied: only this account's role is exempt.
// Assumptions (lib/analysis/iam.ts, ASSUMPTIONS, with their AWS sources): forward access sessions
// keep the principal and set kms:ViaService; aws:PrincipalIsAWSService is "true" only for service
// principals.
import { proveClaim } from './prove';

proveClaim('ssn-service-paths');
