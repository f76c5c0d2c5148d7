import type { paths } from '../../api/schema.ts';
import type { MessageKey } from '../../i18n/i18n.tsx';

export type FeedPage = paths['/api/v1/operations/feed']['get']['responses'][200]['content']['application/json'];
export type FeedEvent = FeedPage['items'][number];

/** The most events the page keeps; older ones are dropped from memory, not from the server. */
export const KEEP = 500;

/**
 * Adds events to a list kept newest first, each position once: the history page, a replay after
 * a reconnect and the live stream may overlap, and an entry must never show twice.
 */
export function mergeEvents(current: readonly FeedEvent[], incoming: readonly FeedEvent[]): FeedEvent[] {
  if (incoming.length === 0) return current as FeedEvent[];
  const byPosition = new Map<number, FeedEvent>();
  for (const e of current) byPosition.set(e.position, e);
  for (const e of incoming) byPosition.set(e.position, e);
  return [...byPosition.values()].sort((a, b) => b.position - a.position).slice(0, KEEP);
}

interface KindInfo {
  label: MessageKey;
  /** A symbol beside the label; the label itself carries the meaning. */
  icon: string;
  group: KindGroup;
}

export const KIND_GROUPS = ['incidents', 'reports', 'bulletins', 'intel', 'other'] as const;
export type KindGroup = (typeof KIND_GROUPS)[number];

const KINDS: Record<string, KindInfo> = {
  'incident.created': { label: 'operations.kind.incidentCreated', icon: '⚠', group: 'incidents' },
  'incidents.imported': { label: 'operations.kind.incidentsImported', icon: '⇪', group: 'incidents' },
  'report.forwarded': { label: 'operations.kind.reportForwarded', icon: '✉', group: 'reports' },
  'bulletin.issued': { label: 'operations.kind.bulletinIssued', icon: '⚑', group: 'bulletins' },
  'bulletin.acknowledged': { label: 'operations.kind.bulletinAcknowledged', icon: '✔', group: 'bulletins' },
  'intel.hit.found': { label: 'operations.kind.hitFound', icon: '◎', group: 'intel' },
  'intel.hit.received': { label: 'operations.kind.hitReceived', icon: '◎', group: 'intel' },
  'intel.contact_request.received': { label: 'operations.kind.contactRequestReceived', icon: '✉', group: 'intel' },
  'intel.contact_request.decided': { label: 'operations.kind.contactRequestDecided', icon: '✉', group: 'intel' },
};

/** What to show for an event's kind; kinds this app does not know yet show generically. */
export function kindInfo(kind: string): KindInfo {
  return KINDS[kind] ?? { label: kind.startsWith('intel.') ? 'operations.kind.intel' : 'operations.kind.other', icon: '•', group: kind.startsWith('intel.') ? 'intel' : 'other' };
}

/** The page of the web app that shows the event's record, where there is one. */
export function recordLink(event: FeedEvent): string | null {
  switch (event.recordType) {
    case 'bulletin':
      return `/w/bulletins/${event.recordId}`;
    case 'bulletin_acknowledgement':
      return typeof event.data.bulletinId === 'string' ? `/w/bulletins/${event.data.bulletinId}` : null;
    case 'report_forward':
      return '/w/forwarded';
    case 'incident_import':
      return '/w/imports';
    case 'intel_entity':
      return `/w/intel/entities/${event.recordId}`;
    case 'intel_report':
      return `/w/intel/reports/${event.recordId}`;
    case 'intel_contact_request':
      return '/w/intel/requests';
    default:
      return null;
  }
}
