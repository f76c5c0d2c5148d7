import { describe, expect, it } from 'vitest';
import { KEEP, kindInfo, mergeEvents, recordLink, type FeedEvent } from './feed-events.ts';
import { representativePoint } from './geometry.ts';

const event = (position: number, over: Partial<FeedEvent> = {}): FeedEvent => ({
  position,
  kind: 'bulletin.issued',
  recordType: 'bulletin',
  recordId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  ownerOrgId: '00000000-0000-4000-8000-000000000000',
  tlp: 'AMBER',
  data: {},
  at: '2026-03-01T10:00:00.000Z',
  ...over,
});
const positions = (list: FeedEvent[]) => list.map((e) => e.position);

describe('operations feed state', () => {
  it('keeps each position once, newest first, when history, replay and live events overlap', () => {
    const history = [event(5), event(3), event(2)];
    const replay = [event(3), event(5), event(6)];
    const live = [event(6), event(7)];
    expect(positions(mergeEvents(mergeEvents(history, replay), live))).toEqual([7, 6, 5, 3, 2]);
  });

  it('keeps only the newest events beyond the limit', () => {
    const many = Array.from({ length: KEEP + 10 }, (_, i) => event(i + 1));
    const merged = mergeEvents([], many);
    expect(merged).toHaveLength(KEEP);
    expect(merged[0]!.position).toBe(KEEP + 10);
  });

  it('links events to the pages that show their records, and names unknown kinds generically', () => {
    expect(recordLink(event(1))).toBe(`/w/bulletins/${event(1).recordId}`);
    const ack = event(2, { kind: 'bulletin.acknowledged', recordType: 'bulletin_acknowledgement', data: { bulletinId: 'b-1' } });
    expect(recordLink(ack)).toBe('/w/bulletins/b-1');
    expect(recordLink(event(3, { kind: 'incident.created', recordType: 'incident' }))).toBeNull();
    expect(kindInfo('intel.hit')).toMatchObject({ label: 'operations.kind.intel', group: 'intel' });
    expect(kindInfo('intel.hit.received')).toMatchObject({ label: 'operations.kind.hitReceived', group: 'intel' });
    expect(recordLink(event(4, { kind: 'intel.contact_request.received', recordType: 'intel_contact_request' }))).toBe('/w/intel/requests');
    expect(recordLink(event(5, { kind: 'intel.hit.found', recordType: 'intel_hit' }))).toBeNull();
    expect(kindInfo('weather.changed')).toMatchObject({ label: 'operations.kind.other', group: 'other' });
  });

  it('places a point, a route and an area', () => {
    expect(representativePoint({ type: 'Point', coordinates: [-70.6, -33.4] })).toEqual([-70.6, -33.4]);
    expect(representativePoint({ type: 'LineString', coordinates: [[0, 0], [1, 1], [2, 2]] })).toEqual([1, 1]);
    expect(representativePoint({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] })).toEqual([1, 1]);
  });
});
