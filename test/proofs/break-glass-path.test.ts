// Claim: the break-glass path stays open: the backup account's administrators may still edit the SSN
// vault access policy and get and put the SSN key policy (KMS's lockout safety check passes).
import { proveClaim } from './prove';

proveClaim('break-glass-path');
