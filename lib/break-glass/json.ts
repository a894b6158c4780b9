import type { ExitCode } from '../cli/exit-codes';
import { auditExit, statusExit } from '../cli/outcomes';
import type { Opening } from '../seal/opening';
import type { PolicyName, PolicyState } from '../seal/state';
import { comparedWith, driftSummary, SEAL_NAME } from '../seal/text';
import type { AuditLine, AuditResult } from './commands/audit';
import type { StatusResult, StatusSeal } from './commands/status';
import { auditError } from './text';
import type { AliasDrift } from './state';

/** The names `status` prints for the seal's kinds (text and JSON alike). */
export const STATE_NAME: Record<StatusSeal['kind'], string> = {
  ...SEAL_NAME,
  'sealed-restored-data-remains': 'SEALED, RESTORED DATA REMAINS',
};

/** A policy's state as `status --json` prints it: `state` for `kind`, `grant` for `opening`. */
type PolicyStateJson =
  | { readonly state: 'sealed' }
  | { readonly state: 'open'; readonly grant: Opening }
  | {
      readonly state: 'drifted';
      readonly summary: string;
      readonly comparedWith: string;
      readonly diff: readonly string[];
    };

function policyStateJson(name: PolicyName, state: PolicyState): PolicyStateJson {
  switch (state.kind) {
    case 'sealed':
      return { state: 'sealed' };
    case 'open':
      return { state: 'open', grant: state.opening };
    case 'drifted':
      return {
        state: 'drifted',
        summary: driftSummary(name, state.drift),
        comparedWith: comparedWith(state.drift),
        diff: state.diff,
      };
  }
}

/** What the seal adds to `status --json`: the opening as `grant`, each drifted policy's state. */
interface SealFields {
  /** OPEN and EXPIRED: the opening (named `grant` in the JSON since its first version). */
  readonly grant?: Opening;
  /** DRIFTED: what each policy is. */
  readonly policies?: { readonly vault: PolicyStateJson; readonly key: PolicyStateJson };
  /** DRIFTED: the key alias names another key than the vault's (or none). */
  readonly aliasDrift?: AliasDrift;
}

/** What `status --json` prints: the result, its state's name and exit code. */
export type StatusJson = Omit<StatusResult, 'seal'> & {
  readonly state: string;
  readonly exitCode: ExitCode;
} & SealFields;

function sealFields(seal: StatusSeal): SealFields {
  switch (seal.kind) {
    case 'open':
    case 'expired':
      return { grant: seal.opening };
    case 'drifted':
      return {
        ...(seal.policies
          ? {
              policies: {
                vault: policyStateJson('vault', seal.policies.vault),
                key: policyStateJson('key', seal.policies.key),
              },
            }
          : {}),
        ...(seal.opening ? { grant: seal.opening } : {}),
        ...(seal.aliasDrift ? { aliasDrift: seal.aliasDrift } : {}),
      };
    default:
      return {};
  }
}

/** `status --json`: the result with the seal as `state` (and its data) in the fields printed so far. */
export function statusJson(r: StatusResult): StatusJson {
  const { seal, now, vaultName, vaultArn, keyArn, ...rest } = r;
  return {
    state: STATE_NAME[seal.kind],
    exitCode: statusExit(seal),
    now,
    vaultName,
    vaultArn,
    keyArn,
    ...sealFields(seal),
    ...rest,
  };
}

/** What `audit --json` prints. */
export interface AuditJson {
  readonly exitCode: ExitCode;
  readonly bucket: string;
  readonly total: number;
  readonly records: readonly AuditLine[];
  readonly problems: readonly string[];
  readonly error?: string;
}

/** `audit --json`: the result with its exit code, and the error when the record is broken. */
export function auditJson(r: AuditResult): AuditJson {
  const error = auditError(r);
  return {
    exitCode: auditExit(r),
    bucket: r.bucket,
    total: r.total,
    records: r.records,
    problems: r.problems,
    ...(error ? { error } : {}),
  };
}
