// Claim: only the listed source accounts, and only while they are in the organization, may copy
// into either vault (aws:PrincipalOrgID). Assumptions: aws:PrincipalOrgID is the organization of the
// caller's account and is absent when it is in none (IAM User Guide, global condition keys).
import { proveClaim } from './prove';

proveClaim('copy-in');
