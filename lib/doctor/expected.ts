import type { BackupAccountConfig } from '../config/types';
import {
  type Destination,
  type DestinationKind,
  DESTINATIONS,
  destinationVaultArn,
} from '../policies/destinations';

/** What the configuration says one destination must look like once deployed. */
export interface ExpectedDestination {
  readonly kind: DestinationKind;
  readonly destination: Destination;
  /** "General" or "SSN", at the start of a line (from the destination's label). */
  readonly heading: string;
  readonly vaultName: string;
  readonly vaultArn: string;
  readonly aliasName: string;
}

export function expectedDestinations(config: BackupAccountConfig, region: string): ExpectedDestination[] {
  return DESTINATIONS.map((d) => ({
    kind: d.kind,
    destination: d,
    heading: d.label.split(' ')[0],
    vaultName: d.vaultName(config),
    vaultArn: destinationVaultArn(d, config, region),
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
