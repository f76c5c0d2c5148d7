import { describe, expect, it } from 'vitest';
import { publicCount, roundLocation } from './disclosure.ts';

/** Distance in metres between two nearby points (equirectangular approximation). */
const metres = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) => {
  const x = (b.lon - a.lon) * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  return Math.hypot(x, b.lat - a.lat) * 111_320;
};

describe('public locations', () => {
  it('are the centre of a ~100 m cell: close to the point, the same for every point of the cell', () => {
    const door = { lon: -70.64827, lat: -33.45694 };
    const rounded = roundLocation(door, 100);
    expect(metres(door, rounded)).toBeLessThanOrEqual(100 * Math.SQRT1_2 + 1);
    expect(rounded).not.toEqual(door);
    // A neighbour a few metres away inside the same cell is indistinguishable.
    const cellCentre = roundLocation(rounded, 100);
    expect(cellCentre).toEqual(rounded);
    expect(roundLocation({ lon: rounded.lon + 0.0001, lat: rounded.lat + 0.0001 }, 100)).toEqual(rounded);
  });

  it('follow the configured cell size, also far from the equator', () => {
    for (const point of [{ lon: 18.06, lat: 59.33 }, { lon: -122.65, lat: 45.52 }, { lon: 0, lat: 0 }, { lon: 179.9999, lat: -89.9999 }]) {
      for (const cell of [10, 100, 1000]) {
        const r = roundLocation(point, cell);
        expect(Math.abs(r.lat)).toBeLessThanOrEqual(90);
        expect(Math.abs(r.lon)).toBeLessThanOrEqual(180);
        if (Math.abs(point.lat) < 80) expect(metres(point, r), `${cell} m`).toBeLessThanOrEqual(cell * Math.SQRT1_2 + 1);
      }
    }
  });
});

describe('public counts', () => {
  it('withhold anything under 5', () => {
    expect([0, 1, 4, 5, 12].map(publicCount)).toEqual([null, null, null, 5, 12]);
  });
});
