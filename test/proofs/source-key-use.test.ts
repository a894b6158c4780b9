// Claim: source accounts use the keys only through AWS Backup or DynamoDB, in the source and backup
// regions (kms:ViaService), and manage grants only for AWS resources (kms:GrantIsForAWSResource);
// never directly. Unlisted accounts use and administer neither key.
// Assumptions: kms:ViaService is set only when a service calls on the principal's behalf;
// kms:GrantIsForAWSResource is "true" only then (AWS KMS Developer Guide, condition keys).
import { proveClaim } from './prove';

proveClaim('source-key-use');
