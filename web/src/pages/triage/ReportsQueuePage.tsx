import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { CHANNELS, channelLabel, STATUSES, statusLabel } from './labels.ts';
import { useReportStream } from './use-report-stream.ts';

type Status = (typeof STATUSES)[number] | 'open';
type Channel = (typeof CHANNELS)[number];

/** The coordinators' queue: filters live in the URL; new reports appear without reloading. */
export function ReportsQueuePage() {
  const { t, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = ([...STATUSES, 'open'] as string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : 'open';
  const channel = (CHANNELS as readonly string[]).includes(params.get('channel') ?? '') ? (params.get('channel') as Channel) : undefined;
  const unassigned = params.get('unassigned') === 'true';
  const [arrived, setArrived] = useState(0);
  const query = { status, ...(channel ? { channel } : {}), ...(unassigned ? { unassigned: 'true' as const } : {}), limit: 100 };
  const reports = useLoad(() => call(api.GET('/api/v1/reports', { params: { query } })), [status, channel, unassigned]);
  useReportStream((event) => {
    if (event.type === 'report.received') setArrived((n) => n + 1);
    reports.reload();
  });
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  return (
    <section aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title">{t('queue.title')}</h1>
      </div>
      <p className="hint">{t('queue.help')}</p>
      <div className="filters">
        <label htmlFor="queue-status">{t('queue.status')}</label>
        <select id="queue-status" value={status} onChange={(e) => setParam('status', e.target.value)}>
          <option value="open">{t('queue.open')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(statusLabel(s))}
            </option>
          ))}
        </select>
        <label htmlFor="queue-channel">{t('queue.channel')}</label>
        <select id="queue-channel" value={channel ?? ''} onChange={(e) => setParam('channel', e.target.value)}>
          <option value="">{t('queue.anyChannel')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(channelLabel(c))}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={unassigned} onChange={(e) => setParam('unassigned', e.target.checked ? 'true' : '')} /> {t('queue.unassigned')}
        </label>
      </div>
      {arrived > 0 && (
        <p role="status" className="notice">
          {t('queue.arrived', { count: arrived })}
        </p>
      )}
      <ErrorNotice error={reports.error} onRetry={reports.reload} />
      {reports.data && reports.data.items.length === 0 && <p>{t('queue.empty')}</p>}
      <ul className="record-list">
        {reports.data?.items.map((r) => (
          <li key={r.id}>
            <span className="badge">{t(statusLabel(r.status))}</span> <Link to={`/w/reports/${r.id}`}>{r.excerpt}</Link>
            <span className="hint">
              {' '}
              · {t(channelLabel(r.channel))} · {r.category} · {formatDate(r.receivedHour)} · {r.responsibleOrgName ?? t('queue.coordinatorsQueue')}
              {r.unansweredMessages > 0 && <> · {t('queue.unanswered', { count: r.unansweredMessages })}</>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
