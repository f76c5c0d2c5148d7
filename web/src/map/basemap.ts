import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';

/**
 * The offline basemap: Natural Earth country outlines (1:50m) shipped with the app through
 * the world-atlas package, so the map is useful with no network and no tile server.
 */
export async function loadCountries(): Promise<FeatureCollection> {
  const topology = (await (await fetch(countriesUrl)).json()) as Topology<{ countries: GeometryCollection }>;
  return feature(topology, topology.objects.countries) as FeatureCollection;
}
