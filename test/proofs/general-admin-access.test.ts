// Claim: the same administrator that the SSN side stops can restore, read restore metadata and copy
// out of the general vault, and decrypt, re-encrypt, generate data keys and create grants with the
// general key: the SSN protections are specific to the SSN vault and key.
import { proveClaim } from './prove';

proveClaim('general-admin-access');
