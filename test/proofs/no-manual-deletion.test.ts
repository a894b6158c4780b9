// Claim: nobody deletes recovery points or shortens their retention by hand, in either vault
// (DenyManualRecoveryPointDeletion); lifecycle expiry is AWS Backup's own and is not a call.
import { proveClaim } from './prove';

proveClaim('no-manual-deletion');
