import type { PolicyPair } from './baseline';
import { parsePolicy, type PolicyJson, samePolicy } from '../policies/policy-json';
import type { Runtime } from './runtime';
import type { DeployedState } from './state';

function means(text: string | undefined, expected: PolicyJson): boolean {
  if (text === undefined) return false;
  try {
    return samePolicy(parsePolicy(text), expected);
  } catch {
    return false;
  }
}

export interface ReadBack {
  readonly vault: boolean;
  readonly key: boolean;
  /** Whether the service returned the exact text written (informative; meaning is what counts). */
  readonly byteIdentical: boolean;
}

/**
 * Reads both policies back until they mean what was written (up to `attempts` reads, waiting
 * between them: the services may take a moment to return a new policy).
 */
export async function readBack(
  rt: Runtime,
  state: DeployedState,
  expected: PolicyPair,
  written: { vault: string; key: string },
  attempts = 3,
): Promise<ReadBack> {
  let result: ReadBack = { vault: false, key: false, byteIdentical: false };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const [vault, key] = await Promise.all([
      rt.aws.getVaultPolicy(state.vaultName),
      rt.aws.getKeyPolicy(state.key.keyId),
    ]);
    result = {
      vault: means(vault, expected.vault),
      key: means(key, expected.key),
      byteIdentical: vault === written.vault && key === written.key,
    };
    if (result.vault && result.key) return result;
    if (attempt < attempts) await rt.sleep(2000 * attempt);
  }
  return result;
}
