import { invalid } from './errors.ts';
import type { GridSpec } from './grid.ts';

export interface ContourLine {
  /** [x, y] positions in the raster's coordinates; a closed ring repeats its first position. */
  coordinates: number[][];
  closed: boolean;
}

export interface Contour {
  level: number;
  lines: ContourLine[];
}

/**
 * Isolines of a raster by marching squares (Lorensen & Cline 1987 in 2-D; the 16-case table of
 * e.g. Maple 2003): the nodes are the pixel centres, a crossing lies on each cell edge whose
 * ends are on either side of the level (≥ level counts as above) at the linearly interpolated
 * position, and the two saddle cases are resolved by the mean of the four corners. Segments
 * are then chained through their shared edge crossings into lines; lines that end at the
 * raster border stay open, the others are closed rings.
 */
export function contours(values: Float64Array, raster: GridSpec, levels: readonly number[]): Contour[] {
  const { ncol, nrow } = raster;
  if (values.length !== ncol * nrow) throw invalid('the raster values do not match the grid', { values: values.length, cells: ncol * nrow });
  for (const level of levels) if (!Number.isFinite(level)) throw invalid('contour levels must be finite numbers', { levels });
  return levels.map((level) => ({ level, lines: traceLevel(values, raster, level) }));
}

// Edge crossings are identified by an integer: 2·node for the edge from node (c, r) to
// (c+1, r), 2·node + 1 for the edge from (c, r) to (c, r+1), node = r·ncol + c.
function traceLevel(values: Float64Array, raster: GridSpec, level: number): ContourLine[] {
  const { ncol, nrow, cellSize, originX, originY } = raster;
  const links = new Map<number, number[]>();
  const link = (a: number, b: number) => {
    const la = links.get(a);
    if (la) la.push(b);
    else links.set(a, [b]);
    const lb = links.get(b);
    if (lb) lb.push(a);
    else links.set(b, [a]);
  };
  for (let r = 0; r + 1 < nrow; r++) {
    for (let c = 0; c + 1 < ncol; c++) {
      const n0 = r * ncol + c; // south-west
      const v0 = values[n0]!;
      const v1 = values[n0 + 1]!; // south-east
      const v2 = values[n0 + ncol + 1]!; // north-east
      const v3 = values[n0 + ncol]!; // north-west
      const code = (v0 >= level ? 1 : 0) | (v1 >= level ? 2 : 0) | (v2 >= level ? 4 : 0) | (v3 >= level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      const south = 2 * n0;
      const east = 2 * (n0 + 1) + 1;
      const north = 2 * (n0 + ncol);
      const west = 2 * n0 + 1;
      switch (code) {
        case 1: case 14: link(west, south); break;
        case 2: case 13: link(south, east); break;
        case 3: case 12: link(west, east); break;
        case 4: case 11: link(east, north); break;
        case 6: case 9: link(south, north); break;
        case 7: case 8: link(west, north); break;
        case 5: case 10: {
          // saddle: SW and NE on one side. If the centre is on their side they connect across
          const centreAbove = (v0 + v1 + v2 + v3) / 4 >= level;
          const swAbove = code === 5;
          if (centreAbove === swAbove) {
            link(west, north);
            link(south, east);
          } else {
            link(west, south);
            link(east, north);
          }
          break;
        }
      }
    }
  }
  const position = (edge: number): number[] => {
    const node = edge >> 1;
    const c = node % ncol;
    const r = (node - c) / ncol;
    const other = edge & 1 ? node + ncol : node + 1;
    const a = values[node]!;
    const b = values[other]!;
    const t = a === b ? 0.5 : (level - a) / (b - a);
    const x = originX + (c + 0.5 + (edge & 1 ? 0 : t)) * cellSize;
    const y = originY + (r + 0.5 + (edge & 1 ? t : 0)) * cellSize;
    return [x, y];
  };
  const lines: ContourLine[] = [];
  const visited = new Set<number>();
  const walk = (start: number): number[] => {
    const chain = [start];
    visited.add(start);
    let current = start;
    for (;;) {
      const next = links.get(current)!.find((e) => !visited.has(e));
      if (next === undefined) break;
      visited.add(next);
      chain.push(next);
      current = next;
    }
    return chain;
  };
  // open lines first (ends have one link), then rings
  for (const [edge, to] of links) {
    if (to.length === 1 && !visited.has(edge)) lines.push({ coordinates: walk(edge).map(position), closed: false });
  }
  for (const edge of links.keys()) {
    if (visited.has(edge)) continue;
    const chain = walk(edge);
    chain.push(chain[0]!);
    lines.push({ coordinates: chain.map(position), closed: true });
  }
  return lines;
}
