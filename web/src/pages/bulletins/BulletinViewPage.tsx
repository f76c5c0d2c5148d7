import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorNotice, TlpBadge } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useLoad } from '../../ui/use-load.ts';
import { representativePoint } from '../operations/geometry.ts';
import { useFeedEvents } from '../operations/use-feed-events.ts';
import { AcknowledgementTracking } from './AcknowledgementTracking.tsx';
import { kindLabel, statusLabel, type Bulletin } from './labels.ts';

const MapView = lazy(() => import('../../map/MapView.tsx'));

/** One bulletin: its text and place; recipients acknowledge it, the issuing side tracks who did. */
export function BulletinViewPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { session } = useSession();
  const bulletin = useLoad(() => call(api.GET('/api/v1/bulletins/{id}', { params: { path: { id } } })), [id]);
  const ack = useAction();
  const b = bulletin.data;

  if (bulletin.error instanceof ApiError && bulletin.error.status === 404) return <p role="alert">{t('bulletins.notFound')}</p>;
  if (!b) return bulletin.error ? <ErrorNotice error={bulletin.error} onRetry={bulletin.reload} /> : <p className="loading">{t('status.loading')}</p>;

  const acknowledge = () =>
    ack.run(async () => {
      await call(api.POST('/api/v1/bulletins/{id}/acknowledgement', { params: { path: { id } }, body: {} }));
      bulletin.reload();
    });
  const isAuthor = b.createdBy === session?.user.id;

  return (
    <article aria-labelledby="bulletin-title">
      <p>
        <Link to="/w/bulletins">{t('bulletins.back')}</Link>
      </p>
      <h1 id="bulletin-title">{b.title}</h1>
      <p>
        <TlpBadge tlp={b.tlp} /> <span className="badge">{t(kindLabel(b.kind))}</span> <span className="badge">{t(statusLabel(b.status))}</span>
      </p>
      <Validity bulletin={b} />
      <p className="hint">{t('bulletins.issuedBy', { org: b.ownerOrgName, author: b.authorName, at: formatDate(b.createdAt) })}</p>
      <div className="note-body">{b.body}</div>
      <ErrorNotice error={ack.error} onRetry={() => void acknowledge()} />
      {b.acknowledgedAt ? (
        <p role="status" className="notice">
          {t('bulletins.youAcknowledged', { at: formatDate(b.acknowledgedAt) })}
        </p>
      ) : (
        !isAuthor && (
          <p className="actions">
            <button type="button" disabled={ack.busy} onClick={() => void acknowledge()}>
              {ack.busy ? t('status.sending') : t('bulletins.acknowledge')}
            </button>
          </p>
        )
      )}
      {b.area && (
        <section aria-labelledby="bulletin-place">
          <h2 id="bulletin-place">{t('bulletins.placeHeading')}</h2>
          <Suspense fallback={<p className="loading">{t('status.loading')}</p>}>
            <MapView
              label={t('bulletins.placeMap')}
              help={t('bulletins.placeHelp')}
              points={{ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: representativePoint(b.area) }, properties: { number: b.id, open: true } }] }}
            />
          </Suspense>
        </section>
      )}
      {b.canTrack && <LiveTracking id={b.id} />}
    </article>
  );
}

function Validity({ bulletin }: { bulletin: Bulletin }) {
  const { t, formatDate } = useI18n();
  return (
    <p>
      {bulletin.validUntil
        ? t('bulletins.validRange', { from: formatDate(bulletin.validFrom), until: formatDate(bulletin.validUntil) })
        : t('bulletins.validOpen', { from: formatDate(bulletin.validFrom) })}
    </p>
  );
}

/** The tracking, reloaded when an acknowledgement of this bulletin arrives in the feed. */
function LiveTracking({ id }: { id: string }) {
  const tracking = useLoad(() => call(api.GET('/api/v1/bulletins/{id}/acknowledgements', { params: { path: { id } } })), [id]);
  useFeedEvents((event) => event.kind === 'bulletin.acknowledged' && event.data.bulletinId === id && tracking.reload(), tracking.reload);
  return <AcknowledgementTracking tracking={tracking.data} error={tracking.error} onRetry={tracking.reload} />;
}
