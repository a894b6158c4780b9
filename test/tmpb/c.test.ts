import { synthesize } from '../support/synthesis';
test('x', () => { expect(synthesize().template).toBeDefined(); });
