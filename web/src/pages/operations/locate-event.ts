import { api, call } from '../../api/client.ts';
import type { LonLat } from '../../map/MapView.tsx';
import type { FeedEvent } from './feed-events.ts';
import { representativePoint } from './geometry.ts';

/** Record types whose records have a place, and how to read it (an audited read, like any other). */
const READERS: Record<string, (id: string) => Promise<LonLat | null>> = {
  incident: async (id) => {
    const incident = await call(api.GET('/api/v1/incidents/{id}', { params: { path: { id } } }));
    return incident.location ? [incident.location.lon, incident.location.lat] : null;
  },
  report_forward: async (id) => {
    const copy = await call(api.GET('/api/v1/report-forwards/{id}', { params: { path: { id } } }));
    return copy.location ? [copy.location.lon, copy.location.lat] : null;
  },
  bulletin: async (id) => {
    const bulletin = await call(api.GET('/api/v1/bulletins/{id}', { params: { path: { id } } }));
    return bulletin.area ? representativePoint(bulletin.area) : null;
  },
};

export const isLocatable = (event: FeedEvent) => event.recordType in READERS;

/** The event's place, or null when its record has none (or is no longer readable). */
export async function locateEvent(event: FeedEvent): Promise<LonLat | null> {
  try {
    return (await READERS[event.recordType]?.(event.recordId)) ?? null;
  } catch {
    return null;
  }
}
