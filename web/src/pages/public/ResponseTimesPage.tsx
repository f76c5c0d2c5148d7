import { useSearchParams } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { CHANNELS, channelLabel } from '../triage/labels.ts';

type Channel = (typeof CHANNELS)[number];

/** Public accountability: how fast each organisation answers residents, as medians over a year. */
export function ResponseTimesPage() {
  const { t, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const channel = (CHANNELS as readonly string[]).includes(params.get('channel') ?? '') ? (params.get('channel') as Channel) : 'tip';
  const stats = useLoad(() => call(api.GET('/api/v1/public/report-response-times', { params: { query: { channel } } })), [channel]);
  const hours = (h: number | null | undefined) => (h === null || h === undefined ? '—' : t('responseTimes.hours', { hours: formatNumber(h) }));
  return (
    <section aria-labelledby="rt-title">
      <h1 id="rt-title">{t('responseTimes.title')}</h1>
      <p>{t('responseTimes.help')}</p>
      <label htmlFor="rt-channel">{t('queue.channel')}</label>{' '}
      <select id="rt-channel" value={channel} onChange={(e) => setParams({ channel: e.target.value })}>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(channelLabel(c))}
          </option>
        ))}
      </select>
      <ErrorNotice error={stats.error} onRetry={stats.reload} />
      {stats.data && stats.data.items.length === 0 && <p>{t('responseTimes.empty')}</p>}
      {stats.data && stats.data.items.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>{t('responseTimes.caption', { days: stats.data.windowDays })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('routing.organization')}</th>
                <th scope="col">{t('routing.category')}</th>
                <th scope="col">{t('responseTimes.reports')}</th>
                <th scope="col">{t('responseTimes.toTriage')}</th>
                <th scope="col">{t('responseTimes.toReply')}</th>
                <th scope="col">{t('responseTimes.toClosure')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.data.items.map((row, i) => (
                <tr key={i}>
                  <td>{row.orgName ?? t('queue.coordinatorsQueue')}</td>
                  <td>{row.category}</td>
                  <td>{formatNumber(row.reports)}</td>
                  <td>{hours(row.medianHoursToTriage)}</td>
                  <td>{hours(row.medianHoursToFirstReply)}</td>
                  <td>{hours(row.medianHoursToClosure)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {stats.data && stats.data.suppressedGroups > 0 && <p className="hint">{t('responseTimes.suppressed', { count: stats.data.suppressedGroups, minimum: stats.data.minimumCount })}</p>}
    </section>
  );
}
