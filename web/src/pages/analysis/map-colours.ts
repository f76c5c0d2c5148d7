/**
 * Colours of the analysis layers and their legends (ColorBrewer RdBu for hot and cold spots,
 * Oranges for counts), shared by the map and the legend so they cannot disagree.
 */

/** Gi* classes: 3/2/1 hot at 99/95/90 %, 0 not significant, −1/−2/−3 cold at 90/95/99 %. */
export const HOTSPOT_CLASSES = [3, 2, 1, 0, -1, -2, -3] as const;
export const HOTSPOT_COLOURS: Record<number, string> = { 3: '#b2182b', 2: '#ef8a62', 1: '#fddbc7', 0: '#f0f0f0', [-1]: '#d1e5f0', [-2]: '#67a9cf', [-3]: '#2166ac' };

/** Local Moran clusters (significant at 95 %). */
export const CLUSTERS = ['HH', 'LL', 'HL', 'LH'] as const;
export const CLUSTER_COLOURS: Record<string, string> = { HH: '#b2182b', LL: '#2166ac', HL: '#f4a582', LH: '#92c5de' };

export const COUNT_RAMP = ['#fee6ce', '#fdae6b', '#fd8d3c', '#e6550d', '#a63603'];

/** Lower bounds of up to five count classes (quantiles of the non-empty cells), the first always 1. */
export function countBreaks(counts: readonly number[]): number[] {
  const sorted = counts.filter((c) => c > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [1];
  const breaks = [1];
  for (let k = 1; k < COUNT_RAMP.length; k++) {
    const v = sorted[Math.floor((k * sorted.length) / COUNT_RAMP.length)]!;
    if (v > breaks.at(-1)!) breaks.push(v);
  }
  return breaks;
}

/** Significance of a Knox cell: the level its p-value reaches (near-repeat excess only), else null. */
export function knoxLevel(pValue: number | null, ratio: number | null): 99 | 95 | 90 | null {
  if (pValue === null || ratio === null || ratio <= 1) return null;
  return pValue <= 0.01 ? 99 : pValue <= 0.05 ? 95 : pValue <= 0.1 ? 90 : null;
}
