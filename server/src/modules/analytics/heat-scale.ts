/**
 * How KDE densities are coloured on the heat layer: ColorBrewer YlOrRd (Brewer 2003) from the
 * lowest shown density to `scaleMax` and above, alpha growing with density so the base map
 * stays readable. Apart from the tile renderer so worker threads use it without loading sharp.
 */
export const HEAT_RAMP = [
  [255, 255, 178],
  [254, 204, 92],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
] as const;
/** Densities below this share of the scale are left transparent. */
export const HEAT_FLOOR = 0.02;

export function heatColour(t: number): [number, number, number, number] {
  const u = Math.min(1, t) * (HEAT_RAMP.length - 1);
  const k = Math.min(HEAT_RAMP.length - 2, Math.floor(u));
  const f = u - k;
  const a = HEAT_RAMP[k]!;
  const b = HEAT_RAMP[k + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f, 90 + 130 * Math.min(1, t)];
}

