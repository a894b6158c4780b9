// Claim: the vaults take only copies. Nobody, an administrator with "*" on "*" or this account's
// AWS Backup service-linked role included, starts a backup job into either vault
// (DenyBackupJobsIntoVault), so no table of the account (a restored SSN table included) can be
// backed up into a vault where Vault Lock would keep it; copies from the source accounts still arrive.
// Assumptions: StartBackupJob acts on the vault (Service Authorization Reference, AWS Backup:
// resource type backupVault); the service-linked role holds its AWS-managed policy.
import { proveClaim } from './prove';

proveClaim('only-copies-in');
