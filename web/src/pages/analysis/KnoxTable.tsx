import { useI18n } from '../../i18n/i18n.tsx';
import { knoxLevel } from './map-colours.ts';
import type { KnoxResult } from './result-types.ts';

const LEVELS = [99, 95, 90] as const;

/**
 * The Knox near-repeat table: distance bands down, time bands across; each cell gives the
 * observed and expected pairs, their ratio and the permutation p-value, shaded where the
 * excess of close pairs is significant.
 */
export function KnoxTable({ result }: { result: KnoxResult }) {
  const { t, formatNumber, locale } = useI18n();
  const fixed = (v: number | null, digits: number) => (v === null ? '–' : v.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  const cell = (d: string, tb: string) => result.cells.find((c) => c.distanceBand === d && c.timeBand === tb);
  return (
    <figure className="knox">
      <figcaption>{t('analysis.knox.caption', { events: formatNumber(result.events), pairs: formatNumber(result.closePairs) })}</figcaption>
      <div className="table-scroll">
        <table className="knox-table">
          <thead>
            <tr>
              <th scope="col">{t('analysis.knox.corner')}</th>
              {result.timeBands.map((tb) => (
                <th key={tb} scope="col">
                  {t('analysis.knox.days', { band: tb })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.distanceBands.map((d) => (
              <tr key={d}>
                <th scope="row">{t('analysis.knox.metres', { band: d })}</th>
                {result.timeBands.map((tb) => {
                  const c = cell(d, tb);
                  if (!c) return <td key={tb}>–</td>;
                  const level = knoxLevel(c.pValue, c.knoxRatio);
                  return (
                    <td key={tb} className={level ? `knox-sig knox-${level}` : undefined} data-level={level ?? 'ns'}>
                      <strong>{fixed(c.knoxRatio, 2)}</strong>
                      <span>{t('analysis.knox.cell', { observed: formatNumber(c.observed), expected: fixed(c.expected, 1), p: fixed(c.pValue, 3) })}</span>
                      {level && <span className="visually-hidden">{t('analysis.knox.significant', { level })}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="legend-inline" aria-label={t('analysis.legend')}>
        {LEVELS.map((level) => (
          <li key={level}>
            <span className={`swatch knox-${level}`} aria-hidden="true" /> {t('analysis.knox.significant', { level })}
          </li>
        ))}
        <li>
          <span className="swatch" aria-hidden="true" /> {t('analysis.knox.notSignificant')}
        </li>
      </ul>
      <p className="hint">{t('analysis.knox.help')}</p>
    </figure>
  );
}
