import type { BackupAccountConfig } from '../config/types';
import { destination } from '../policies/destinations';
import { keyPolicy, vaultPolicy } from '../policies/documents';
import { type PolicyJson, policyJsonOf } from '../policies/policy-json';

/** The two policies that guard SSN data: the SSN vault's access policy and the SSN key's policy. */
export interface PolicyPair {
  readonly vault: PolicyJson;
  readonly key: PolicyJson;
}

/**
 * The SSN policies exactly as the stack deploys them for this configuration, from the same
 * builders: `JSON.stringify` of these gives the template's `AccessPolicy` and `KeyPolicy`.
 */
export function baselinePolicies(config: BackupAccountConfig): PolicyPair {
  return {
    vault: policyJsonOf(vaultPolicy('ssn', config)),
    key: policyJsonOf(keyPolicy('ssn', config)),
  };
}

/** Where the SSN policies live: the vault by name, the key by its alias. */
export interface SsnTargets {
  readonly vaultName: string;
  readonly keyAlias: string;
}

export function ssnTargets(config: BackupAccountConfig): SsnTargets {
  const ssn = destination('ssn');
  return { vaultName: ssn.vaultName(config), keyAlias: ssn.aliasName };
}
