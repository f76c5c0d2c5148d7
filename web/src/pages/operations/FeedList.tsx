import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { TlpBadge } from '../../ui/controls.tsx';
import { kindInfo, recordLink, type FeedEvent } from './feed-events.ts';

/** Scrolled less than this from the top counts as reading the newest events. */
const AT_TOP_PX = 8;

/**
 * The events, newest first, in a scrollable region. While the user reads further down, new
 * events are counted instead of pulling their attention away; the button takes them up.
 */
export function FeedList({ events }: { events: FeedEvent[] }) {
  const { t, formatDate } = useI18n();
  const region = useRef<HTMLDivElement>(null);
  const [atTop, setAtTop] = useState(true);
  const newest = events[0]?.position ?? 0;
  const [seenUpTo, setSeenUpTo] = useState(newest);
  useEffect(() => {
    if (atTop) setSeenUpTo(newest);
  }, [atTop, newest]);
  const unseen = atTop ? 0 : events.filter((e) => e.position > seenUpTo).length;

  const toTop = () => {
    region.current?.scrollTo({ top: 0 });
    region.current?.focus();
    setAtTop(true);
  };

  return (
    <div className="feed">
      <p aria-live="polite" className="feed-new">
        {unseen > 0 && (
          <button type="button" onClick={toTop}>
            {t('operations.newEvents', { count: unseen })}
          </button>
        )}
      </p>
      <div
        ref={region}
        className="feed-scroll"
        tabIndex={0}
        role="region"
        aria-label={t('operations.feedLabel')}
        onScroll={(e) => setAtTop(e.currentTarget.scrollTop < AT_TOP_PX)}
      >
        {events.length === 0 ? (
          <p>{t('operations.empty')}</p>
        ) : (
          <ol className="feed-list">
            {events.map((event) => (
              <FeedItem key={event.position} event={event} at={formatDate(event.at)} label={t(kindInfo(event.kind).label, { kind: event.kind })} />
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

function FeedItem({ event, at, label }: { event: FeedEvent; at: string; label: string }) {
  const { t } = useI18n();
  const link = recordLink(event);
  const { icon } = kindInfo(event.kind);
  return (
    <li className="feed-item" data-position={event.position} data-kind={event.kind}>
      <span aria-hidden="true" className="feed-icon">
        {icon}
      </span>
      <span className="feed-kind">{link ? <Link to={link}>{label}</Link> : label}</span>
      <TlpBadge tlp={event.tlp} />
      <time dateTime={event.at} className="hint">
        {at}
      </time>
      {event.kind === 'report.forwarded' && <span className="hint">{t(event.data.role === 'responsible' ? 'triage.responsible' : 'triage.informed')}</span>}
      {event.kind === 'incidents.imported' && (
        <span className="hint">{t('operations.imported', { inserted: Number(event.data.inserted ?? 0), updated: Number(event.data.updated ?? 0) })}</span>
      )}
    </li>
  );
}
