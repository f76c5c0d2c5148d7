import type { RecordSource, SourceRecord } from './source-record.ts';

/** A feature larger than this is rejected unread (a point incident is well under a kilobyte). */
const MAX_FEATURE_CHARS = 1 << 20;

/**
 * Finds the elements of the top-level `features` array of a GeoJSON text fed in chunks, without
 * parsing the whole document: it tracks only nesting, strings and the top-level keys, and hands
 * each feature's own text back, so memory holds one feature at a time, whatever the file's size.
 */
export class FeatureScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private key = '';
  private keyText: string[] | null = null;
  private lastKey = '';
  private inFeatures = false;
  private feature: string[] | null = null;
  private featureChars = 0;
  private oversized = false;
  /** Features seen so far (the 1-based index of the next one is this + 1). */
  count = 0;
  /** Text of the top-level `crs` member (GeoJSON 2008), when it precedes the features. */
  crsText: string | null = null;
  private crs: string[] | null = null;
  private crsDepth = -1;
  /** The top-level `type` value. */
  type: string | null = null;

  /** The features completed by this chunk: their text, or null for one too large to keep. */
  push(text: string): (string | null)[] {
    const out: (string | null)[] = [];
    let featureStart = this.feature ? 0 : -1;
    let crsStart = this.crs ? 0 : -1;
    this.keyStart = 0; // a key cut by the previous chunk goes on at this one's start
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === 0x5c) this.escaped = true;
        else if (ch === 0x22) {
          this.inString = false;
          if (this.keyText) {
            this.keyText.push(text.slice(this.keyStart, i));
            this.key = this.keyText.join('');
            this.keyText = null;
          }
        }
        continue;
      }
      if (ch === 0x22) {
        this.inString = true;
        // Strings directly in the top-level object: keys (and the value of "type").
        if (this.depth === 1 && this.feature === null) {
          this.keyText = [];
          this.keyStart = i + 1;
        }
      } else if (ch === 0x3a && this.depth === 1) {
        this.lastKey = this.key; // a key's colon
        if (this.lastKey === 'crs') {
          this.crs = [];
          crsStart = i + 1;
          this.crsDepth = 1;
        }
      } else if (ch === 0x7b || ch === 0x5b) {
        if (this.depth === 1 && ch === 0x5b && this.lastKey === 'features') this.inFeatures = true;
        else if (this.depth === 2 && this.inFeatures) {
          this.feature = [];
          this.featureChars = 0;
          this.oversized = false;
          featureStart = i;
        }
        this.depth++;
      } else if (ch === 0x7d || ch === 0x5d) {
        this.depth--;
        if (this.depth === 2 && this.feature) {
          this.count++;
          out.push(this.finishFeature(text.slice(featureStart, i + 1)));
          featureStart = -1;
        } else if (this.depth === 1 && this.inFeatures) this.inFeatures = false;
        if (this.depth === this.crsDepth && this.crs) {
          this.crs.push(text.slice(crsStart, i + 1));
          this.crsText = this.crs.join('');
          this.crs = null;
          this.crsDepth = -1;
        }
      } else if (ch === 0x2c && this.depth === 1) {
        if (this.lastKey === 'type' && this.type === null) this.type = this.key;
        this.lastKey = '';
      }
    }
    if (this.feature && featureStart >= 0) this.keepFeatureText(text.slice(featureStart));
    if (this.crs && crsStart >= 0) this.crs.push(text.slice(crsStart));
    if (this.inString && this.keyText) this.keyText.push(text.slice(this.keyStart));
    return out;
  }

  private keyStart = 0;

  private keepFeatureText(part: string): void {
    this.featureChars += part.length;
    if (this.featureChars > MAX_FEATURE_CHARS) this.oversized = true;
    if (!this.oversized) this.feature!.push(part);
    else this.feature = [];
  }

  private finishFeature(tail: string): string | null {
    this.keepFeatureText(tail);
    const text = this.oversized ? null : this.feature!.join('');
    this.feature = null;
    return text;
  }

  /** True when the text so far was a well-formed top-level object. */
  get balanced(): boolean {
    return this.depth === 0 && !this.inString;
  }
}

const asText = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** A feature as a record: the properties the mapping reads, and its point. */
export function featureRecord(text: string | null, ref: number, properties: string[]): SourceRecord {
  if (text === null) return { ref, values: [], problem: 'bad_feature' };
  let feature: { type?: unknown; properties?: Record<string, unknown> | null; geometry?: { type?: unknown; coordinates?: unknown } | null };
  try {
    feature = JSON.parse(text);
  } catch {
    return { ref, values: [], problem: 'bad_feature' };
  }
  if (typeof feature !== 'object' || feature === null || feature.type !== 'Feature') return { ref, values: [], problem: 'bad_feature' };
  const props = feature.properties ?? {};
  const values = properties.map((name) => asText(props[name]));
  const g = feature.geometry;
  if (g === null || g === undefined) return { ref, values, point: null };
  const c = g.coordinates as unknown;
  const isPosition = (p: unknown): p is number[] => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
  if (g.type === 'Point' && isPosition(c)) return { ref, values, point: [c[0]!, c[1]!] };
  if (g.type === 'MultiPoint' && Array.isArray(c) && c.length === 1 && isPosition(c[0])) return { ref, values, point: [c[0][0]!, c[0][1]!] };
  return { ref, values, point: 'unsupported' };
}

/** The EPSG code a GeoJSON 2008 `crs` member names ("EPSG:2913", "urn:ogc:def:crs:EPSG::2913"); CRS84 is WGS 84. */
export function crsOfMember(text: string | null): string | null {
  if (!text) return null;
  const name = /"name"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? '';
  if (/CRS84$/i.test(name)) return 'EPSG:4326';
  const code = /EPSG:{1,2}(\d{4,5})$/i.exec(name)?.[1];
  return code ? `EPSG:${code}` : null;
}

/**
 * A GeoJSON FeatureCollection as records, streamed: `properties` are the property names the
 * import reads (the header of its records). Features are numbered from 1 in file order.
 */
export async function openGeoJsonSource(bytes: AsyncIterable<string | Uint8Array>, properties: string[]): Promise<RecordSource | null> {
  const scanner = new FeatureScanner();
  const decoder = new TextDecoder('utf-8');
  const chunks = bytes[Symbol.asyncIterator]();
  let sawText = false;
  const records = (texts: (string | null)[]) => {
    const first = scanner.count - texts.length + 1;
    return texts.map((t, i) => featureRecord(t, first + i, properties));
  };
  const read = async (): Promise<SourceRecord[] | null> => {
    const chunk = await chunks.next();
    if (chunk.done) {
      const rest = decoder.decode();
      return rest ? records(scanner.push(rest)) : null;
    }
    const text = typeof chunk.value === 'string' ? chunk.value : decoder.decode(chunk.value, { stream: true });
    if (/\S/.test(text)) sawText = true;
    return records(scanner.push(text));
  };
  // Read up to the first feature (or the end), so that the declared CRS is known.
  const pending: SourceRecord[] = [];
  let ended = false;
  while (pending.length === 0) {
    const got = await read();
    if (got === null) {
      ended = true;
      break;
    }
    pending.push(...got);
  }
  if (!sawText) return null;
  async function* batches(): AsyncGenerator<SourceRecord[]> {
    if (pending.length > 0) yield pending.splice(0);
    if (ended) return;
    for (let got = await read(); got !== null; got = await read()) if (got.length > 0) yield got;
  }
  return { refKind: 'feature', header: properties, hasGeometry: true, declaredCrs: crsOfMember(scanner.crsText), batches: batches() };
}
