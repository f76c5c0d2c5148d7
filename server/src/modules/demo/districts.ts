import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Geometry } from 'geojson';
import { REPO_ROOT } from '../../config.ts';
import type { DemoArea } from './world.ts';

export const DISTRICTS_FILE = path.join(REPO_ROOT, 'demo', 'portland-police-districts.geojson');

interface District {
  district: string;
  precinct: string;
  geometry: Geometry;
}

/** The 60 Portland police districts of demo/ (see demo/README.md for provenance). */
export function loadDistricts(file = DISTRICTS_FILE): District[] {
  const collection = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: { DISTRICT: string; PRECINCT: string }; geometry: Geometry }[] };
  return collection.features.map((f) => ({ district: f.properties.DISTRICT, precinct: f.properties.PRECINCT, geometry: f.geometry }));
}

/** The district geometries an area is made of. */
export function geometriesOf(districts: District[], area: DemoArea): Geometry[] {
  const chosen = districts.filter((d) => ('all' in area ? true : 'precinct' in area ? d.precinct === area.precinct : area.districts.includes(d.district)));
  if (chosen.length === 0) throw new Error(`demo area ${JSON.stringify(area)} matches no district`);
  return chosen.map((d) => d.geometry);
}
