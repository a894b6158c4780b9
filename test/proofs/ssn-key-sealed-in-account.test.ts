// Claim: the SSN key's material is sealed for the backup account. No principal of the backup
// account, an administrator with "*" on "*" or the role a DynamoDB restore runs as included,
// encrypts, decrypts, re-encrypts, makes data keys or creates grants with the SSN key, directly or
// through DynamoDB or any other service (DenySSNKeyUseInBackupAccount), except this account's AWS
// Backup service-linked role (copies in). Through AWS Backup in the backup region the key stays
// usable (creating the SSN vault needs it; the SSN vault's DENYs gate every AWS Backup path to the
// data). Key administration (DescribeKey, GetKeyPolicy, PutKeyPolicy) is never denied; the general
// key is not sealed.
// Assumptions (lib/analysis/iam.ts, ASSUMPTIONS): aws:PrincipalAccount is the caller's account and
// stays the caller's when a service calls KMS on its behalf (kms:ViaService); service principals
// carry no aws:PrincipalAccount.
import { proveClaim } from './prove';

proveClaim('ssn-key-sealed-in-account');
