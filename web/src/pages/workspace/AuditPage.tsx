import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';

/** Audit log search for auditors; filters live in the URL. */
export function AuditPage() {
  const { t, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter = { action: params.get('action') ?? '', recordType: params.get('recordType') ?? '', recordId: params.get('recordId') ?? '' };
  const [draft, setDraft] = useState(filter);
  const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v));
  const entries = useLoad(() => call(api.GET('/api/v1/audit', { params: { query: { ...query, limit: 100 } } })), [params.toString()]);
  const verify = useLoad(() => call(api.GET('/api/v1/audit/verify')), []);

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      {verify.data && (
        <p role="status" className={verify.data.ok ? 'notice' : 'notice notice-error'}>
          {verify.data.ok ? t('audit.chainOk', { links: verify.data.links }) : t('audit.chainBroken', { problems: verify.data.problems.length })}
        </p>
      )}
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim())));
        }}
      >
        {(['action', 'recordType', 'recordId'] as const).map((key) => (
          <span key={key}>
            <label htmlFor={`audit-${key}`}>{t(`audit.${key}`)}</label>
            <input id={`audit-${key}`} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
          </span>
        ))}
        <button type="submit">{t('action.search')}</button>
      </form>
      <ErrorNotice error={entries.error} onRetry={entries.reload} />
      <table>
        <caption>{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.recordType')}</th>
            <th scope="col">{t('audit.recordId')}</th>
            <th scope="col">{t('audit.actor')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.data?.items.map((e) => (
            <tr key={e.seq}>
              <td>{formatDate(e.at)}</td>
              <td>{e.action}</td>
              <td>{e.recordType}</td>
              <td className="mono">{e.recordId ?? '—'}</td>
              <td className="mono">{e.actorUserId ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
