// Claim: every principal of the backup account, an administrator holding "*" on "*" included, is
// explicitly denied restore, restore metadata and copy-out on SSN recovery points
// (DenyEmergencyRestoreOperations), and direct decrypt, re-encrypt-from, data-key generation and grant
// creation on the SSN key (DenySSNKeyDecryptOperations).
// Assumptions: restore and copy-out act on recovery-point ARNs (Service Authorization Reference);
// a direct call carries no kms:ViaService; aws:PrincipalIsAWSService is "false" or absent for role
// sessions (both are proved).
import { proveClaim } from './prove';

proveClaim('ssn-break-glass-deny');
