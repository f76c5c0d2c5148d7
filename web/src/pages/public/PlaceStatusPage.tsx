import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorNotice } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';

/** The public status of one unsafe-place report, by its number. */
export function PlaceStatusPage() {
  const { number = '' } = useParams();
  const { t, locale, formatDate } = useI18n();
  const place = useLoad(() => call(api.GET('/api/v1/unsafe-places/{number}', { params: { path: { number } } })), [number, locale]);
  const p = place.data;
  const missing = place.error instanceof ApiError && place.error.status === 404;
  return (
    <section className="narrow" aria-labelledby="place-title">
      <h1 id="place-title">{t('place.title', { number })}</h1>
      {missing ? <p>{t('place.notFound')}</p> : <ErrorNotice error={place.error} onRetry={place.reload} />}
      {place.loading && <p className="loading">{t('status.loading')}</p>}
      {p && (
        <>
          <p role="status">
            {t('followUp.status')}: <strong>{t(`tipStatus.${p.status}` as MessageKey)}</strong> · {p.statusNote}
          </p>
          <dl className="receipt place-facts">
            <dt>{t('places.category')}</dt>
            <dd>{p.categoryName}</dd>
            <dt>{t('place.received')}</dt>
            <dd>{formatDate(p.receivedHour, 'date')}</dd>
            <dt>{t('place.updated')}</dt>
            <dd>{formatDate(p.updatedHour, 'date')}</dd>
            {p.agency && (
              <>
                <dt>{t('place.agency')}</dt>
                <dd>{p.agency}</dd>
              </>
            )}
            {p.address && (
              <>
                <dt>{t('placeForm.address')}</dt>
                <dd>{p.address}</dd>
              </>
            )}
            {p.location && (
              <>
                <dt>{t('place.location')}</dt>
                <dd className="mono">
                  {p.location.lat.toFixed(4)}, {p.location.lon.toFixed(4)}
                </dd>
              </>
            )}
          </dl>
          {p.description ? <p className="note-body">{p.description}</p> : <p className="hint">{t('place.pendingReview')}</p>}
        </>
      )}
      <p>
        <Link to="/places">{t('place.back')}</Link>
      </p>
    </section>
  );
}
