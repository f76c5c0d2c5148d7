import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice } from '../../ui/controls.tsx';
import type { Tracking } from './labels.ts';

/** For the issuing side: who acknowledged when, per organisation, and who has not yet. */
export function AcknowledgementTracking({ tracking, error, onRetry }: { tracking: Tracking | null; error: unknown; onRetry: () => void }) {
  const { t, formatDate } = useI18n();
  return (
    <section aria-labelledby="tracking-title" className="tracking">
      <h2 id="tracking-title">{t('bulletins.tracking')}</h2>
      <ErrorNotice error={error} onRetry={onRetry} />
      {tracking && (
        <>
          <p>{t('bulletins.acknowledgedBy', { count: tracking.acknowledgedBy })}</p>
          <table>
            <caption>{t('bulletins.byOrganisation')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bulletins.organisation')}</th>
                <th scope="col">{t('bulletins.ackState')}</th>
                <th scope="col">{t('bulletins.whoWhen')}</th>
              </tr>
            </thead>
            <tbody>
              {tracking.organisations.map((o) => (
                <tr key={o.orgId} className={o.acknowledged ? undefined : 'unacknowledged'}>
                  <th scope="row">{o.name}</th>
                  <td>{t(o.acknowledged ? 'bulletins.acknowledged' : 'bulletins.notAcknowledged')}</td>
                  <td>
                    {o.acknowledgements.length === 0 ? '—' : (
                      <ul className="plain">
                        {o.acknowledgements.map((a) => (
                          <li key={a.userId}>{t('bulletins.ackBy', { name: a.displayName, at: formatDate(a.at) })}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('bulletins.pending')}</h3>
          {tracking.pending.length === 0 ? (
            <p>{t('bulletins.nobodyPending')}</p>
          ) : (
            <ul className="pending-list">
              {tracking.pending.map((p) => (
                <li key={p.userId}>{p.displayName}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
