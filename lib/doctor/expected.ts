import type { BackupAccountConfig } from '../config/types';
import { DESTINATIONS, type Destination } from '../destinations';
import { backupVaultArn } from '../policies/alert-statements';
import type { DestinationKind } from '../policies/documents';

/** What the configuration says one destination must look like once deployed. */
export interface ExpectedDestination {
  readonly kind: DestinationKind;
  /** "general" or "SSN", within a line. */
  readonly label: string;
  /** "General" or "SSN", at the start of a line. */
  readonly heading: string;
  readonly destination: Destination;
  readonly vaultName: string;
  readonly vaultArn: string;
  readonly aliasName: string;
}

const LABEL: Record<DestinationKind, [string, string]> = {
  general: ['general', 'General'],
  ssn: ['SSN', 'SSN'],
};

export function expectedDestinations(config: BackupAccountConfig, region: string): ExpectedDestination[] {
  return DESTINATIONS.map((d) => ({
    kind: d.kind,
    label: LABEL[d.kind][0],
    heading: LABEL[d.kind][1],
    destination: d,
    vaultName: d.vaultName(config),
    vaultArn: backupVaultArn(region, config.backupAccountId, d.vaultName(config)),
    aliasName: d.aliasName,
  }));
}

/** "2030-03-01" */
export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "3h ago", "2d ago", "in 5d": coarse, for lines. */
export function age(now: Date, then: Date): string {
  const ms = now.getTime() - then.getTime();
  const hours = Math.abs(ms) / 3_600_000;
  const text =
    hours < 1
      ? `${Math.round(hours * 60)}m`
      : hours < 48
        ? `${Math.round(hours)}h`
        : `${Math.round(hours / 24)}d`;
  return ms >= 0 ? `${text} ago` : `in ${text}`;
}
