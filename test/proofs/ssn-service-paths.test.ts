// Claim: no plausible AWS-service path to the SSN key is denied: calls a service makes on a
// principal's behalf (kms:ViaService set), AWS Backup's service-linked role calling with its own
// credentials (no kms:ViaService), and the service principal backup.amazonaws.com
// (aws:PrincipalIsAWSService "true"). Copies keep working.
// Assumptions (lib/analysis/iam.ts, ASSUMPTIONS, with their AWS sources): the service-linked role
// performs the cross-account copy; forward access sessions keep the principal and set
// kms:ViaService; aws:PrincipalIsAWSService is "true" only for service principals.
import { proveClaim } from './prove';

proveClaim('ssn-service-paths');
