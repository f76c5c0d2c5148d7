import { useI18n } from '../../i18n/i18n.tsx';
import { CLUSTER_COLOURS, CLUSTERS, COUNT_RAMP, countBreaks, HOTSPOT_CLASSES, HOTSPOT_COLOURS } from './map-colours.ts';
import { asCounts, asHotspots, asKde } from './result-types.ts';
import type { AnalysisResult } from './use-analysis-run.ts';

interface Item {
  colour: string;
  label: string;
  count?: number;
}

const Swatch = ({ colour }: { colour: string }) => <span className="swatch" style={{ background: colour }} aria-hidden="true" />;

/** The map's legend, with how many units fall in each class (the hotspot summary). */
export function MapLegend({ result }: { result: AnalysisResult }) {
  const { t, formatNumber } = useI18n();
  const items = legendItems(result, t, formatNumber);
  const kde = asKde(result);
  return (
    <figure className="legend">
      <figcaption>{t('analysis.legend')}</figcaption>
      {kde && (
        <p>
          <span className="ramp" style={{ background: `linear-gradient(to right, ${kde.heat.ramp.join(', ')})` }} aria-hidden="true" />{' '}
          {t('analysis.legendHeat', { floor: formatNumber(round(kde.heat.floor)), max: formatNumber(round(kde.heat.scaleMax)) })}
        </p>
      )}
      <ul>
        {items.map((item) => (
          <li key={item.label}>
            <Swatch colour={item.colour} />
            <span>
              {item.label}
              {item.count !== undefined && <strong> · {t('analysis.units', { count: item.count })}</strong>}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

const round = (v: number) => (v >= 10 ? Math.round(v) : Math.round(v * 100) / 100);

type T = ReturnType<typeof useI18n>['t'];

function legendItems(result: AnalysisResult, t: T, formatNumber: (n: number) => string): Item[] {
  const hotspots = asHotspots(result);
  if (hotspots?.statistic === 'gistar') {
    const tally = new Map<number, number>();
    for (const f of hotspots.features.features) tally.set(f.properties.class ?? 0, (tally.get(f.properties.class ?? 0) ?? 0) + 1);
    // cells left out of the features are the empty, not significant ones
    tally.set(0, hotspots.units.count - hotspots.units.significant);
    return HOTSPOT_CLASSES.map((c) => ({ colour: HOTSPOT_COLOURS[c]!, label: t(`analysis.class.${c}`), count: tally.get(c) ?? 0 }));
  }
  if (hotspots) {
    const tally = new Map<string, number>();
    for (const f of hotspots.features.features) if (f.properties.cluster) tally.set(f.properties.cluster, (tally.get(f.properties.cluster) ?? 0) + 1);
    return [
      ...CLUSTERS.map((c) => ({ colour: CLUSTER_COLOURS[c]!, label: t(`analysis.cluster.${c}`), count: tally.get(c) ?? 0 })),
      { colour: HOTSPOT_COLOURS[0]!, label: t('analysis.cluster.none'), count: hotspots.units.count - hotspots.units.significant },
    ];
  }
  const counts = asCounts(result);
  if (counts) {
    const values = counts.cells.features.map((f) => f.properties.count);
    const breaks = countBreaks(values);
    return breaks.map((from, i) => {
      const to = i + 1 < breaks.length ? breaks[i + 1]! - 1 : values.reduce((m, v) => Math.max(m, v), from);
      return { colour: COUNT_RAMP[i]!, label: t('analysis.countRange', { from: formatNumber(from), to: formatNumber(to) }), count: values.filter((v) => v >= from && v <= to).length };
    });
  }
  const kde = asKde(result);
  return (kde?.contours.features ?? []).map((f) => ({ colour: '#3f0d12', label: t('analysis.contour', { share: Math.round(f.properties.mass * 100) }) }));
}
