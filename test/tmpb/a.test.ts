import { builtPolicies, evaluateAnalysed } from '../../lib/analysis/iam';
import { configWith } from '../support/config';
test('x', async () => { const c = configWith(); const p = builtPolicies(c); expect((await evaluateAnalysed(c, 'ssnKey', p.ssnKey, { caller: { kind: 'backupAdmin' }, action: 'kms:Decrypt' })).evaluation).toBeDefined(); });
