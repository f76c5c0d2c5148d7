import proj4 from 'proj4';
import { EPSG_DEFINITIONS } from './epsg-definitions.ts';

/** A coordinate reference system imports accept (generated from PROJ's EPSG dataset). */
export interface CrsDefinition {
  code: number;
  name: string;
  proj4: string;
  /** Area of use: west, south, east, north in degrees (east < west when it crosses 180°). */
  area: [number, number, number, number];
  geographic: boolean;
  esriName: string;
  /** A point of the area of use and its projected coordinates, as PROJ computes them. */
  check: { x: number; y: number; lon: number; lat: number };
}

const byCode = new Map(EPSG_DEFINITIONS.map((d) => [d.code, d]));
const byEsriName = new Map(EPSG_DEFINITIONS.map((d) => [d.esriName, d]));

export const SUPPORTED_CRS_CODES: readonly number[] = EPSG_DEFINITIONS.map((d) => d.code);

/** "EPSG:2913", "epsg:2913" or "2913"; null for anything else. */
export function parseEpsgCode(text: string): number | null {
  const m = /^(?:EPSG:)?(\d{4,5})$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

export function findCrs(text: string): CrsDefinition | null {
  const code = parseEpsgCode(text);
  return code === null ? null : (byCode.get(code) ?? null);
}

/** x, y in the CRS to WGS 84 longitude, latitude; null when the point cannot be projected. */
export type ToWgs84 = (x: number, y: number) => { lon: number; lat: number } | null;

/** The reprojection to WGS 84 of a shipped CRS. */
export function toWgs84(crs: CrsDefinition): ToWgs84 {
  if (crs.code === 4326) return (x, y) => (Math.abs(x) <= 180 && Math.abs(y) <= 90 ? { lon: x, lat: y } : null);
  const converter = proj4(crs.proj4, 'WGS84');
  return (x, y) => {
    const [lon, lat] = converter.forward([x, y]);
    return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90 ? { lon: lon!, lat: lat! } : null;
  };
}

/** True when the WGS 84 point lies in the CRS's area of use (a generous plausibility check). */
export function inAreaOfUse(crs: CrsDefinition, lon: number, lat: number, marginDegrees = 1): boolean {
  const [west, south, east, north] = crs.area;
  if (lat < south - marginDegrees || lat > north + marginDegrees) return false;
  if (west <= east) return lon >= west - marginDegrees && lon <= east + marginDegrees;
  return lon >= west - marginDegrees || lon <= east + marginDegrees;
}

/**
 * The CRS of a shapefile's .prj (ESRI WKT 1), matched by the name ESRI gives it; null when the
 * name is not one we ship (the user then chooses).
 */
export function crsFromPrj(prj: string): CrsDefinition | null {
  const name = /^\s*(?:PROJCS|GEOGCS)\["([^"]+)"/.exec(prj)?.[1];
  return name ? (byEsriName.get(name) ?? null) : null;
}
