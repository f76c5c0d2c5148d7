import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A camera serial number and place that must never survive into a stored attachment. */
export const CAMERA_SERIAL = 'CAM-SN-4471-ALZ';
export const GPS_EXIF = { GPSLatitudeRef: 'S', GPSLatitude: '33/1 26/1 5/1', GPSLongitudeRef: 'W', GPSLongitude: '70/1 39/1 12/1' };

const noise = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 50 } } });

/**
 * A phone-like JPEG: EXIF with make, model, body serial and GPS position, an XMP packet, and
 * orientation 6 (stored sideways, to be shown turned 90° clockwise).
 */
export const jpegFromCamera = (width = 64, height = 48) =>
  noise(width, height)
    .withExif({ IFD0: { Make: 'Acme', Model: 'Phone X', Software: 'AcmeOS' }, IFD2: { BodySerialNumber: CAMERA_SERIAL }, IFD3: GPS_EXIF })
    .withMetadata({ orientation: 6 })
    .withXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" aux:SerialNumber="${CAMERA_SERIAL}"/></rdf:RDF></x:xmpmeta>`)
    .jpeg({ quality: 92 })
    .toBuffer();

export const webpFromCamera = () =>
  noise(40, 30).withExif({ IFD0: { Make: 'Acme' }, IFD2: { BodySerialNumber: CAMERA_SERIAL }, IFD3: GPS_EXIF }).webp().toBuffer();

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A PNG whose tEXt chunk (after the header) says where it was taken. */
export async function pngWithText(text: string): Promise<Buffer> {
  const png = await noise(32, 32).png().toBuffer();
  const afterHeader = 8 + 25; // signature, then IHDR (4 length + 4 type + 13 data + 4 crc)
  return Buffer.concat([png.subarray(0, afterHeader), pngChunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')), png.subarray(afterHeader)]);
}

/** A tiny PNG whose header claims width × height pixels: decoding it would take gigabytes. */
export function pixelBombPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const row = Buffer.alloc(1 + width);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: 16 }, () => row)))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The markers of a JPEG's segments before the image data (E0 JFIF, E1 EXIF/XMP, E2 ICC, ED IPTC, FE comment…). */
export function jpegMarkers(bytes: Buffer): number[] {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG');
  const markers: number[] = [];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    markers.push(marker);
    if (marker === 0xda) break; // start of scan: entropy-coded data follows
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return markers;
}

/** The chunk types of a PNG, in order. */
export function pngChunkTypes(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    types.push(bytes.toString('latin1', at + 4, at + 8));
    at += 12 + length;
  }
  return types;
}

/** The chunk ids of a WebP (RIFF) file: VP8/VP8L/VP8X, and EXIF, XMP , ICCP when present. */
export function webpChunkIds(bytes: Buffer): string[] {
  const ids: string[] = [];
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = bytes.readUInt32LE(at + 4);
    ids.push(bytes.toString('latin1', at, at + 4));
    at += 8 + size + (size % 2);
  }
  return ids;
}
