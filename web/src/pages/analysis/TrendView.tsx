import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TrendResult } from './result-types.ts';
import { SeasonalTable } from './SeasonalTable.tsx';
import { change, TrendChart } from './TrendChart.tsx';

const seriesKey = (r: { category: string; area: string }) => `${r.category}|${r.area}`;

/** Trends: one series (category × area) at a time as a chart and a table with its tests, and its seasonal profile. */
export function TrendView({ result, fileName }: { result: TrendResult; fileName: string }) {
  const { t, formatNumber, locale } = useI18n();
  const totals = new Map<string, number>();
  for (const r of result.rows) totals.set(seriesKey(r), (totals.get(seriesKey(r)) ?? 0) + r.count);
  const keys = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)!);
  const [chosen, setChosen] = useState(keys[0] ?? '');
  const key = keys.includes(chosen) ? chosen : (keys[0] ?? '');
  const rows = result.rows.filter((r) => seriesKey(r) === key).sort((a, b) => a.period.localeCompare(b.period));
  const name = (k: string): string => {
    const [category = '', area = ''] = k.split('|');
    const areaName = result.rows.find((r) => seriesKey(r) === k)?.areaName;
    const c = category === '(all)' ? t('analysis.trend.allCategories') : category === '(none)' ? t('analysis.trend.unclassified') : category;
    return area === '(all)' ? c : `${c} · ${areaName ?? area}`;
  };
  const pct = (count: number, before: number | null) => (before ? `${count >= before ? '+' : ''}${Math.round((100 * (count - before)) / before)} %` : '–');
  const p = (v: number | null) => (v === null ? '–' : v.toLocaleString(locale, { maximumFractionDigits: 3, minimumFractionDigits: 3 }));
  const mark = (dir: 'up' | 'down' | null) => (dir ? ` ${dir === 'up' ? '▲' : '▼'} ${t(`analysis.trend.${dir}`)}` : '');
  return (
    <section aria-labelledby="trend-heading">
      <h2 id="trend-heading">{t('analysis.trend.title')}</h2>
      {keys.length > 1 && (
        <div className="field narrow">
          <label htmlFor="trend-series">{t('analysis.trend.series')}</label>
          <select id="trend-series" value={key} onChange={(e) => setChosen(e.target.value)}>
            {keys.map((k) => (
              <option key={k} value={k}>
                {name(k)} ({formatNumber(totals.get(k)!)})
              </option>
            ))}
          </select>
        </div>
      )}
      <TrendChart rows={rows} title={t('analysis.trend.chartTitle', { series: name(key) })} fileName={fileName} />
      <div className="table-scroll">
        <table className="data-table">
          <caption>{t('analysis.trend.tableCaption', { series: name(key) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('analysis.trend.period')}</th>
              <th scope="col">{t('analysis.trend.count')}</th>
              <th scope="col">{t('analysis.trend.vsPrevious')}</th>
              <th scope="col">{t('analysis.trend.pPrevious')}</th>
              <th scope="col">{t('analysis.trend.vsLastYear')}</th>
              <th scope="col">{t('analysis.trend.pLastYear')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.period}>
                <th scope="row">{r.period}</th>
                <td>{formatNumber(r.count)}</td>
                <td data-change={change(r.count, r.previous, r.pPrevious) ?? 'ns'}>
                  {pct(r.count, r.previous)}
                  {mark(change(r.count, r.previous, r.pPrevious))}
                </td>
                <td>{p(r.pPrevious)}</td>
                <td data-change={change(r.count, r.lastYear, r.pLastYear) ?? 'ns'}>
                  {pct(r.count, r.lastYear)}
                  {mark(change(r.count, r.lastYear, r.pLastYear))}
                </td>
                <td>{p(r.pLastYear)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SeasonalTable seasonal={result.seasonal.filter((s) => seriesKey(s) === key)} />
    </section>
  );
}
