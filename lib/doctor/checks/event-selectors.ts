import type { BasicEventSelector, EventSelectors, FieldSelector } from '../../aws';

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
export function logsManagementEvent(selectors: Partial<EventSelectors>, event: ManagementEvent): boolean {
  return (
    (selectors.basic ?? []).some((s) => basicMatches(s, event)) ||
    (selectors.advanced ?? []).some((s) => s.fieldSelectors.every((f) => fieldMatches(f, event)))
  );
}

function basicMatches(s: BasicEventSelector, event: ManagementEvent): boolean {
  if (s.includeManagementEvents === false) return false;
  const type = s.readWriteType ?? 'All';
  if (type !== 'All' && type !== (event.readOnly ? 'ReadOnly' : 'WriteOnly')) return false;
  return !(s.excludeManagementEventSources ?? []).includes(event.eventSource);
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

function fieldMatches(f: FieldSelector, event: ManagementEvent): boolean {
  const value = fieldValue(f.field, event);
  const positive = [
    ...(f.equals ?? []).map((v) => value === v),
    ...(f.startsWith ?? []).map((v) => value?.startsWith(v) === true),
    ...(f.endsWith ?? []).map((v) => value?.endsWith(v) === true),
  ];
  const negative = [
    ...(f.notEquals ?? []).map((v) => value === v),
    ...(f.notStartsWith ?? []).map((v) => value?.startsWith(v) === true),
    ...(f.notEndsWith ?? []).map((v) => value?.endsWith(v) === true),
  ];
  return (positive.length === 0 || positive.some(Boolean)) && !negative.some(Boolean);
}
