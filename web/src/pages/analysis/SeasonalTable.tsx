import { useI18n } from '../../i18n/i18n.tsx';
import type { TrendResult } from './result-types.ts';

/** The seasonal profile of a series: mean count per calendar month and its index (1 = an average month). */
export function SeasonalTable({ seasonal }: { seasonal: TrendResult['seasonal'] }) {
  const { t, locale } = useI18n();
  if (seasonal.length === 0) return null;
  const monthName = (m: number) => new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  const n = (v: number | null, digits: number) => (v === null ? '–' : v.toLocaleString(locale, { maximumFractionDigits: digits }));
  return (
    <div className="table-scroll">
      <table className="data-table seasonal">
        <caption>{t('analysis.trend.seasonal')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analysis.trend.month')}</th>
            <th scope="col">{t('analysis.trend.years')}</th>
            <th scope="col">{t('analysis.trend.mean')}</th>
            <th scope="col">{t('analysis.trend.index')}</th>
          </tr>
        </thead>
        <tbody>
          {[...seasonal].sort((a, b) => a.month - b.month).map((s) => (
            <tr key={s.month}>
              <th scope="row">{monthName(s.month)}</th>
              <td>{s.years}</td>
              <td>{n(s.mean, 1)}</td>
              <td>
                <span className="index-bar" style={{ width: `${Math.min(100, (s.index ?? 0) * 50)}%` }} aria-hidden="true" /> {n(s.index, 2)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
