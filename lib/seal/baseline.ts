import type { BackupAccountConfig } from '../config/types';
import { destination } from '../policies/destinations';
import { breakGlassViaServices } from '../policies/break-glass-statements';
import { keyPolicy, vaultPolicy } from '../policies/documents';
import type { PolicyJson } from '../policies/policy-json';

/** The two policies that guard SSN data: the SSN vault's access policy and the SSN key's policy. */
export interface PolicyPair {
  readonly vault: PolicyJson;
  readonly key: PolicyJson;
}

/** The sealed SSN policies, and what an opening of them depends on besides the opening. */
export interface Baseline extends PolicyPair {
  /** The services through which an opening's principal may use the SSN key (`kms:ViaService`). */
  readonly openingViaServices: readonly string[];
}

/**
 * The SSN policies exactly as the stack deploys them for this configuration, from the same
 * builders: `JSON.stringify` of these gives the template's `AccessPolicy` and `KeyPolicy`.
 */
export function baselinePolicies(config: BackupAccountConfig): Baseline {
  return {
    vault: vaultPolicy('ssn', config),
    key: keyPolicy('ssn', config),
    openingViaServices: breakGlassViaServices(config.backupRegion),
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
