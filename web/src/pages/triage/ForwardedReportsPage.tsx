import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice, TlpBadge } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useLoad } from '../../ui/use-load.ts';
import { channelLabel, closureLabel, statusLabel } from './labels.ts';
import { useReportStream } from './use-report-stream.ts';

/** Reports forwarded to the user's organisations, as the coordinator redacted them. */
export function ForwardedReportsPage() {
  const { t, formatDate } = useI18n();
  const copies = useLoad(() => call(api.GET('/api/v1/report-forwards', { params: { query: { status: 'open', limit: 100 } } })), []);
  const action = useAction();
  useReportStream(() => copies.reload());
  const progress = (reportId: string, body: { status: 'in_action' } | { status: 'closed'; closureReason: 'actioned' | 'unfounded' }) =>
    action.run(async () => {
      await call(api.POST('/api/v1/reports/{id}/status', { params: { path: { id: reportId } }, body }));
      copies.reload();
    });
  return (
    <section aria-labelledby="forwarded-title">
      <h1 id="forwarded-title">{t('forwarded.title')}</h1>
      <p className="hint">{t('forwarded.help')}</p>
      <ErrorNotice error={copies.error ?? action.error} onRetry={copies.reload} />
      {copies.data && copies.data.items.length === 0 && <p>{t('forwarded.empty')}</p>}
      {copies.data?.items.map((c) => (
        <article key={c.id} className="card" aria-label={`${c.category} ${formatDate(c.receivedHour)}`}>
          <p>
            <TlpBadge tlp={c.tlp} /> <span className="badge">{t(statusLabel(c.status))}</span> {c.closureReason && t(closureLabel(c.closureReason))}
            <span className="hint">
              {' '}
              · {t(channelLabel(c.channel))} · {c.category} · {formatDate(c.receivedHour)} · {c.orgName} ·{' '}
              {t(c.role === 'responsible' ? 'triage.responsible' : 'triage.informed')}
            </span>
          </p>
          <div className="note-body">{c.body}</div>
          {(c.locationText || c.location) && (
            <p className="hint">
              {t('triage.place')}: {c.locationText} {c.location && `(${c.location.lat.toFixed(5)}, ${c.location.lon.toFixed(5)})`}
            </p>
          )}
          {c.canUpdateStatus && (
            <div className="actions">
              {c.status !== 'in_action' && (
                <button type="button" disabled={action.busy} onClick={() => void progress(c.reportId, { status: 'in_action' })}>
                  {t('triage.markInAction')}
                </button>
              )}
              <button type="button" disabled={action.busy} onClick={() => void progress(c.reportId, { status: 'closed', closureReason: 'actioned' })}>
                {t('forwarded.closeActioned')}
              </button>
              <button type="button" disabled={action.busy} onClick={() => void progress(c.reportId, { status: 'closed', closureReason: 'unfounded' })}>
                {t('forwarded.closeUnfounded')}
              </button>
            </div>
          )}
        </article>
      ))}
    </section>
  );
}
