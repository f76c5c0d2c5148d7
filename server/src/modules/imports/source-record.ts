/**
 * One record of an input file, whatever its format: its values under the source's header
 * (CSV columns, or the mapped GeoJSON properties), and for formats with geometry the point.
 */
export interface SourceRecord {
  /** Line of a CSV record (where it starts), or the 1-based index of a GeoJSON feature. */
  ref: number;
  values: string[];
  /** Geometry of the record: a point (x, y in the file's CRS), none, or a kind we do not import. */
  point?: [number, number] | null | 'unsupported';
  /** The reader could not make a record of it (e.g. a quote never closed at the end of the file). */
  problem?: 'unterminated_quote' | 'bad_feature';
}

/** A file as records, read lazily in batches; `header` is known before the first record. */
export interface RecordSource {
  /** 'line' for CSV, 'feature' for GeoJSON: what `ref` counts. */
  refKind: 'line' | 'feature';
  header: string[];
  /** Whether the locations come from geometry rather than from x/y columns. */
  hasGeometry: boolean;
  /** A CRS the file itself declares (GeoJSON `crs` member, shapefile .prj), if any. */
  declaredCrs?: string | null;
  batches: AsyncIterable<SourceRecord[]>;
}
