// Claim: every principal of the backup account, an administrator holding "*" on "*" included, is
// explicitly denied restore, restore metadata and copy-out on SSN recovery points
// (DenyEmergencyRestoreOperations), every other action that reads, indexes, searches, scans, mounts or
// shares them (DenySSNRecoveryPointDataAccess), and direct decrypt, re-encrypt-from, data-key
// generation and grant creation on the SSN key (DenySSNKeyDecryptOperations, and for the backup
// account DenySSNKeyUseInBackupAccount too).
// Assumptions: restore and copy-out act on recovery-point ARNs (Service Authorization Reference);
// a direct call carries no kms:ViaService; aws:PrincipalIsAWSService is "false" or absent for role
// sessions (both are proved).
import { proveClaim } from './prove';

proveClaim('ssn-break-glass-deny');
