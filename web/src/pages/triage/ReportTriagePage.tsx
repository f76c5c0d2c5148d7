import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorNotice, Field } from '../../ui/controls.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useLoad } from '../../ui/use-load.ts';
import { CLOSURE_REASONS, channelLabel, closureLabel, statusLabel } from './labels.ts';
import { useReportStream } from './use-report-stream.ts';

type Report = NonNullable<Awaited<ReturnType<typeof loadReport>>>;
const loadReport = (id: string) => call(api.GET('/api/v1/reports/{id}', { params: { path: { id } } }));

/** One report as its coordinators see it: conversation, triage, redacted forwarding, closure. */
export function ReportTriagePage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const report = useLoad(() => loadReport(id), [id]);
  useReportStream((event) => event.id === id && report.reload());
  if (report.error instanceof ApiError && report.error.status === 404) return <p role="alert">{t('triage.notFound')}</p>;
  const r = report.data;
  return (
    <article aria-labelledby="report-title">
      <p>
        <Link to="/w/reports">← {t('queue.title')}</Link>
      </p>
      <ErrorNotice error={report.error} onRetry={report.reload} />
      {r && (
        <>
          <h1 id="report-title">
            {t(channelLabel(r.channel))}: {r.category}
          </h1>
          <p>
            <span className="badge">{t(statusLabel(r.status))}</span>
            {r.closureReason && <> · {t(closureLabel(r.closureReason))}</>} · {t('triage.received', { when: formatDate(r.receivedHour) })} ·{' '}
            {r.responsibleOrgName ?? t('queue.coordinatorsQueue')}
          </p>
          {r.consentTier && (
            <p className="notice">
              <strong>{t(`conductConsent.${r.consentTier}` as MessageKey)}</strong>: {t(`conductConsentText.${r.consentTier}` as MessageKey)}
            </p>
          )}
          <h2>{t('triage.text')}</h2>
          <div className="note-body">{r.body}</div>
          {r.occurredText && (
            <p>
              {t('triage.occurred')}: {r.occurredText}
            </p>
          )}
          {(r.locationText || r.location) && (
            <p>
              {t('triage.place')}: {r.locationText}
              {r.location && <span className="hint"> ({r.location.lat.toFixed(5)}, {r.location.lon.toFixed(5)})</span>}
            </p>
          )}
          <Photos reportId={r.id} />
          <StatusActions report={r} onDone={report.reload} />
          {r.canMessageReporter && <Conversation report={r} onDone={report.reload} />}
          <ForwardForm report={r} onDone={report.reload} />
          <h2>{t('triage.duplicates')}</h2>
          {r.duplicates.length === 0 ? (
            <p className="hint">{t('triage.noDuplicates')}</p>
          ) : (
            <ul className="record-list">
              {r.duplicates.map((d) => (
                <li key={d.id}>
                  <Link to={`/w/reports/${d.id}`}>{d.excerpt}</Link>
                  <span className="hint">
                    {' '}
                    · {t(statusLabel(d.status))} · {formatDate(d.receivedHour)}
                    {d.distanceM !== null && <> · {t('triage.distance', { metres: d.distanceM })}</>} · {t('triage.similarity', { percent: Math.round(d.similarity * 100) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </article>
  );
}

function StatusActions({ report, onDone }: { report: Report; onDone: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const [reason, setReason] = useState<(typeof CLOSURE_REASONS)[number]>('actioned');
  const [duplicateOf, setDuplicateOf] = useState('');
  const change = (body: { status: 'triaged' | 'in_action' | 'closed'; closureReason?: (typeof CLOSURE_REASONS)[number]; duplicateOf?: string }) =>
    action.run(async () => {
      await call(api.POST('/api/v1/reports/{id}/status', { params: { path: { id: report.id } }, body }));
      onDone();
    });
  return (
    <section aria-labelledby="status-title" className="card">
      <h2 id="status-title">{t('triage.state')}</h2>
      <ErrorNotice error={action.error} />
      <div className="actions">
        {(report.status === 'received' || report.status === 'closed') && (
          <button type="button" disabled={action.busy} onClick={() => void change({ status: 'triaged' })}>
            {report.status === 'closed' ? t('triage.reopen') : t('triage.markTriaged')}
          </button>
        )}
        {report.status !== 'closed' && report.status !== 'in_action' && (
          <button type="button" disabled={action.busy} onClick={() => void change({ status: 'in_action' })}>
            {t('triage.markInAction')}
          </button>
        )}
      </div>
      {report.status !== 'closed' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void change({ status: 'closed', closureReason: reason, ...(reason === 'duplicate' ? { duplicateOf } : {}) });
          }}
        >
          <Field label={t('triage.closureReason')} error={action.fieldErrors.closureReason}>
            {(p) => (
              <select {...p} value={reason} onChange={(e) => setReason(e.target.value as (typeof CLOSURE_REASONS)[number])}>
                {CLOSURE_REASONS.map((c) => (
                  <option key={c} value={c}>
                    {t(closureLabel(c))}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {reason === 'duplicate' && (
            <Field label={t('triage.duplicateOf')} error={action.fieldErrors.duplicateOf}>
              {(p) => (
                <select {...p} value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} required>
                  <option value="">—</option>
                  {report.duplicates.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.excerpt.slice(0, 60)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <button type="submit" disabled={action.busy}>
            {t('triage.close')}
          </button>
        </form>
      )}
    </section>
  );
}

function Conversation({ report, onDone }: { report: Report; onDone: () => void }) {
  const { t, formatDate } = useI18n();
  const action = useAction();
  const [body, setBody] = useState('');
  return (
    <section aria-labelledby="conversation-title" className="card">
      <h2 id="conversation-title">{t('triage.conversation')}</h2>
      {report.messages.length === 0 && <p className="hint">{t('triage.noMessages')}</p>}
      <ol className="conversation">
        {report.messages.map((m, i) => (
          <li key={i} className={`message message-${m.from}`}>
            <strong>{m.from === 'staff' ? (m.staffName ?? t('triage.staff')) : t('triage.reporter')}</strong> <span className="hint">{formatDate(m.hour)}</span>
            <div>{m.body}</div>
          </li>
        ))}
      </ol>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            await call(api.POST('/api/v1/reports/{id}/messages', { params: { path: { id: report.id } }, body: { body } }));
            setBody('');
            onDone();
          });
        }}
      >
        <Field label={t('triage.askReporter')} hint={t('triage.askHint')} error={action.fieldErrors.body}>
          {(p) => <textarea {...p} rows={3} value={body} onChange={(e) => setBody(e.target.value)} required maxLength={20000} />}
        </Field>
        <ErrorNotice error={action.error} />
        <button type="submit" disabled={action.busy}>
          {t('triage.send')}
        </button>
      </form>
    </section>
  );
}

function ForwardForm({ report, onDone }: { report: Report; onDone: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const orgs = useLoad(() => call(api.GET('/api/v1/organizations')), []);
  const [responsible, setResponsible] = useState(report.routing.responsible?.orgId ?? '');
  const [informed, setInformed] = useState<string[]>(report.routing.informedOrgIds);
  const [body, setBody] = useState(report.body);
  const [tlp, setTlp] = useState<'AMBER' | 'AMBER+STRICT'>('AMBER');
  const [includeLocation, setIncludeLocation] = useState(true);
  if (report.status === 'closed') return null;
  const recipients = [
    ...(responsible ? [{ orgId: responsible, role: 'responsible' as const }] : []),
    ...informed.filter((o) => o !== responsible).map((orgId) => ({ orgId, role: 'informed' as const })),
  ];
  return (
    <section aria-labelledby="forward-title" className="card">
      <h2 id="forward-title">{t('triage.forward')}</h2>
      {report.forwards.length > 0 && (
        <ul>
          {report.forwards.map((f) => (
            <li key={f.id}>
              {f.orgName} · {t(f.role === 'responsible' ? 'triage.responsible' : 'triage.informed')} · TLP:{f.tlp}
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            await call(api.POST('/api/v1/reports/{id}/forward', { params: { path: { id: report.id } }, body: { recipients, tlp, body, includeLocation } }));
            onDone();
          });
        }}
      >
        <Field label={t('triage.responsible')} hint={report.routing.responsible ? t('triage.suggested') : t('triage.noRule')} error={action.fieldErrors.recipients}>
          {(p) => (
            <select {...p} value={responsible} onChange={(e) => setResponsible(e.target.value)}>
              <option value="">—</option>
              {orgs.data?.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('triage.informed')} hint={t('triage.informedHint')}>
          {(p) => (
            <select {...p} multiple size={4} value={informed} onChange={(e) => setInformed([...e.target.selectedOptions].map((o) => o.value))}>
              {orgs.data?.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('triage.redactedText')} hint={t('triage.redactHint')} error={action.fieldErrors.body}>
          {(p) => <textarea {...p} rows={5} value={body} onChange={(e) => setBody(e.target.value)} required maxLength={20000} />}
        </Field>
        <Field label={t('notes.marking')}>
          {(p) => (
            <select {...p} value={tlp} onChange={(e) => setTlp(e.target.value as 'AMBER' | 'AMBER+STRICT')}>
              <option value="AMBER">TLP:AMBER</option>
              <option value="AMBER+STRICT">TLP:AMBER+STRICT</option>
            </select>
          )}
        </Field>
        <label>
          <input type="checkbox" checked={includeLocation} onChange={(e) => setIncludeLocation(e.target.checked)} /> {t('triage.includeLocation')}
        </label>
        <ErrorNotice error={action.error} />
        <button type="submit" disabled={action.busy || recipients.length === 0}>
          {t('triage.send')}
        </button>
      </form>
    </section>
  );
}

/** The resident's photos, re-encoded without metadata; each download is audited. */
function Photos({ reportId }: { reportId: string }) {
  const { t, formatNumber } = useI18n();
  const photos = useLoad(() => call(api.GET('/api/v1/reports/{id}/attachments', { params: { path: { id: reportId } } })), [reportId]);
  if (!photos.data?.items.length && !photos.error) return null;
  return (
    <section aria-labelledby="photos-title">
      <h2 id="photos-title">{t('triage.photos')}</h2>
      <ErrorNotice error={photos.error} onRetry={photos.reload} />
      <ul className="record-list">
        {photos.data?.items.map((a) => (
          <li key={a.id}>
            <a href={`/api/v1/reports/${reportId}/attachments/${a.id}`} download>
              {t('triage.photo', { position: a.position })}
            </a>
            <span className="hint">
              {' '}
              · {a.mediaType} · {a.width}×{a.height} · {formatNumber(Math.round(a.byteSize / 1024))} KB
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
