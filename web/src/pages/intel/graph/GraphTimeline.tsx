import { useId } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import type { Histogram } from './graph-model.ts';

const DAY_MS = 24 * 3600 * 1000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayIndex = (day: string, start: number) => Math.round((Date.parse(day) - start) / DAY_MS);

interface Props {
  histogram: Histogram;
  from: string | null;
  to: string | null;
  onChange(from: string | null, to: string | null): void;
}

/**
 * Links valid over time (bars) and the window that filters the drawing (two sliders, one day
 * a step). A slider at its end leaves that side of the window open.
 */
export function GraphTimeline({ histogram, from, to, onChange }: Props) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const start = Math.floor(histogram.start / DAY_MS) * DAY_MS;
  const days = Math.max(1, Math.ceil((histogram.end - start) / DAY_MS));
  const low = from ? Math.min(Math.max(0, dayIndex(from, start)), days) : 0;
  const high = to ? Math.max(Math.min(days, dayIndex(to, start)), 0) : days;
  const max = Math.max(...histogram.bins, 1);
  const binDays = days / histogram.bins.length;
  const set = (nextLow: number, nextHigh: number) =>
    onChange(nextLow <= 0 ? null : toDay(start + nextLow * DAY_MS), nextHigh >= days ? null : toDay(start + nextHigh * DAY_MS));
  const label = (index: number) => formatDate(new Date(start + index * DAY_MS).toISOString(), 'date');
  return (
    <fieldset className="graph-timeline">
      <legend>{t('graph.timeline.title')}</legend>
      <svg viewBox={`0 0 ${histogram.bins.length} 40`} preserveAspectRatio="none" aria-hidden="true" className="graph-histogram">
        {histogram.bins.map((count, i) => {
          const inside = (i + 1) * binDays > low && i * binDays < high;
          return <rect key={i} x={i + 0.1} width={0.8} y={40 - (count / max) * 40} height={(count / max) * 40} className={inside ? 'inside' : 'outside'} />;
        })}
      </svg>
      <div className="graph-timeline-sliders">
        <label htmlFor={`${id}-from`}>{t('graph.timeline.from')}</label>
        <input id={`${id}-from`} type="range" min={0} max={days} value={low} aria-valuetext={low === 0 ? t('graph.timeline.open') : label(low)}
          onChange={(e) => set(Math.min(Number(e.target.value), high), high)} />
        <label htmlFor={`${id}-to`}>{t('graph.timeline.to')}</label>
        <input id={`${id}-to`} type="range" min={0} max={days} value={high} aria-valuetext={high === days ? t('graph.timeline.open') : label(high)}
          onChange={(e) => set(low, Math.max(Number(e.target.value), low))} />
      </div>
      <p className="hint" aria-live="polite">
        {t('graph.timeline.window', { from: low === 0 ? label(0) : label(low), to: high === days ? label(days) : label(high) })}
      </p>
    </fieldset>
  );
}
