import { useRef } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { downloadSvgAsPng } from './download.ts';
import type { TrendResult } from './result-types.ts';

type Row = TrendResult['rows'][number];

const W = 720;
const H = 260;
const PAD = { left: 48, right: 12, top: 16, bottom: 40 };
const UP = '#b2182b';
const DOWN = '#2166ac';
const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: 11 };

/** Direction of a significant change (p < 0.05), else null. */
export const change = (count: number, before: number | null, p: number | null): 'up' | 'down' | null =>
  before === null || p === null || p >= 0.05 ? null : count > before ? 'up' : count < before ? 'down' : null;

/**
 * Counts per period as bars (plain SVG, inline styles so the PNG looks the same), last year's
 * counts as a dashed line, and a mark above each period that changed significantly from the one before.
 */
export function TrendChart({ rows, title, fileName }: { rows: Row[]; title: string; fileName: string }) {
  const { t, formatNumber } = useI18n();
  const svg = useRef<SVGSVGElement>(null);
  const max = Math.max(1, ...rows.map((r) => Math.max(r.count, r.lastYear ?? 0)));
  const step = (W - PAD.left - PAD.right) / Math.max(1, rows.length);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const x = (i: number) => PAD.left + i * step;
  const labelEvery = Math.ceil(rows.length / 12);
  const lastYear = rows.map((r, i) => (r.lastYear === null ? null : `${x(i) + step / 2},${y(r.lastYear)}`)).filter(Boolean);
  return (
    <figure className="trend">
      <svg ref={svg} viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="trend-title" className="trend-chart">
        <title id="trend-title">{title}</title>
        <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#d1d5db" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" fill="#374151" {...FONT}>
              {formatNumber(Math.round(max * f))}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const dir = change(r.count, r.previous, r.pPrevious);
          return (
            <g key={r.period}>
              <rect x={x(i) + step * 0.15} width={step * 0.7} y={y(r.count)} height={y(0) - y(r.count)} fill={dir === 'up' ? UP : dir === 'down' ? DOWN : '#9ca3af'}>
                <title>{`${r.period}: ${formatNumber(r.count)}`}</title>
              </rect>
              {dir && (
                <text x={x(i) + step / 2} y={y(r.count) - 4} textAnchor="middle" fill={dir === 'up' ? UP : DOWN} {...FONT}>
                  {dir === 'up' ? '▲' : '▼'}
                </text>
              )}
              {i % labelEvery === 0 && (
                <text x={x(i) + step / 2} y={H - PAD.bottom + 14} textAnchor="middle" fill="#374151" {...FONT}>
                  {r.period}
                </text>
              )}
            </g>
          );
        })}
        {lastYear.length > 1 && <polyline points={lastYear.join(' ')} fill="none" stroke="#111827" strokeWidth={1.5} strokeDasharray="4 3" />}
        <text x={PAD.left} y={H - 8} fill="#374151" {...FONT}>
          {t('analysis.trend.chartKey')}
        </text>
      </svg>
      <p className="actions">
        <button type="button" className="button-secondary" onClick={() => svg.current && void downloadSvgAsPng(svg.current, `${fileName}.png`)}>
          {t('analysis.export.chartPng')}
        </button>
      </p>
    </figure>
  );
}
