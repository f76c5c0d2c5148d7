import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import type { LonLat } from '../../map/MapView.tsx';
import { recordLink, type FeedEvent } from './feed-events.ts';
import { isLocatable, locateEvent } from './locate-event.ts';

const MapView = lazy(() => import('../../map/MapView.tsx'));

/** Reading a record's place is an audited read: only the latest events are placed. */
const MAX_PLACED = 50;

/** The events shown in the feed that have a place, as points; a point opens the event's record. */
export function OperationsMap({ events }: { events: FeedEvent[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [places, setPlaces] = useState<ReadonlyMap<string, LonLat | null>>(new Map());
  const asked = useRef(new Set<string>());
  const candidates = useMemo(() => events.filter(isLocatable).slice(0, MAX_PLACED), [events]);

  useEffect(() => {
    for (const event of candidates) {
      const key = `${event.recordType}:${event.recordId}`;
      if (asked.current.has(key)) continue;
      asked.current.add(key);
      void locateEvent(event).then((place) => setPlaces((current) => new Map(current).set(key, place)));
    }
  }, [candidates]);

  const points = useMemo<GeoJSON.FeatureCollection<GeoJSON.Point, { number: string; open: boolean }>>(() => ({
    type: 'FeatureCollection',
    features: candidates.flatMap((event) => {
      const place = places.get(`${event.recordType}:${event.recordId}`);
      return place ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: place }, properties: { number: String(event.position), open: true } }] : [];
    }),
  }), [candidates, places]);

  const open = (position: string) => {
    const event = events.find((e) => String(e.position) === position);
    const link = event && recordLink(event);
    if (link) void navigate(link);
  };

  return (
    <Suspense fallback={<p className="loading">{t('status.loading')}</p>}>
      <MapView points={points} onSelectPoint={open} label={t('operations.mapLabel')} help={t('operations.mapHelp', { count: points.features.length })} />
    </Suspense>
  );
}
