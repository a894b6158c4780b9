import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector } from '@aws-sdk/client-cloudtrail';

/** A management event as CloudTrail's event selectors see it. */
export interface ManagementEvent {
  readonly eventSource: string;
  readonly readOnly: boolean;
}

/**
 * Whether a trail's selectors log this management event. A trail has either basic or advanced
 * selectors (GetEventSelectors returns one kind); an event is logged when any selector matches.
 * - Basic: management events included (the default), a ReadWriteType that covers the event
 *   (All, the default, or WriteOnly/ReadOnly), and its source not in ExcludeManagementEventSources.
 * - Advanced: every field selector matches, where a field selector matches when one of its
 *   Equals/StartsWith/EndsWith values matches (if it has any) and none of its NotEquals/
 *   NotStartsWith/NotEndsWith values does (CloudTrail User Guide, "Filtering management events").
 */
export function logsManagementEvent(
  selectors: {
    readonly basic?: readonly EventSelector[];
    readonly advanced?: readonly AdvancedEventSelector[];
  },
  event: ManagementEvent,
): boolean {
  return (
    (selectors.basic ?? []).some((s) => basicMatches(s, event)) ||
    (selectors.advanced ?? []).some((s) => (s.FieldSelectors ?? []).every((f) => fieldMatches(f, event)))
  );
}

function basicMatches(s: EventSelector, event: ManagementEvent): boolean {
  if (s.IncludeManagementEvents === false) return false;
  const type = s.ReadWriteType ?? 'All';
  if (type !== 'All' && type !== (event.readOnly ? 'ReadOnly' : 'WriteOnly')) return false;
  return !(s.ExcludeManagementEventSources ?? []).includes(event.eventSource);
}

function fieldValue(field: string, event: ManagementEvent): string | undefined {
  switch (field) {
    case 'eventCategory':
      return 'Management';
    case 'eventSource':
      return event.eventSource;
    case 'readOnly':
      return String(event.readOnly);
    default:
      return undefined;
  }
}

function fieldMatches(f: AdvancedFieldSelector, event: ManagementEvent): boolean {
  const value = fieldValue(f.Field ?? '', event);
  const positive = [
    ...(f.Equals ?? []).map((v) => value === v),
    ...(f.StartsWith ?? []).map((v) => value?.startsWith(v) === true),
    ...(f.EndsWith ?? []).map((v) => value?.endsWith(v) === true),
  ];
  const negative = [
    ...(f.NotEquals ?? []).map((v) => value === v),
    ...(f.NotStartsWith ?? []).map((v) => value?.startsWith(v) === true),
    ...(f.NotEndsWith ?? []).map((v) => value?.endsWith(v) === true),
  ];
  return (positive.length === 0 || positive.some(Boolean)) && !negative.some(Boolean);
}
