import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { AttachmentMediaType } from '../../platform/db/schema.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';

// Decoded pixels of residents' photos must not linger in libvips' operation cache.
sharp.cache(false);

/** Largest image decoded (a 12 MP phone photo is 12,000,000; 50 MP cameras exist). */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Longest side stored: enough to read a plate or a face, a fraction of a full-size photo. */
export const MAX_STORED_SIDE = 2560;

const startsWith = (bytes: Uint8Array, offset: number, signature: readonly number[] | string) => {
  const expected = typeof signature === 'string' ? [...signature].map((c) => c.charCodeAt(0)) : signature;
  return bytes.length >= offset + expected.length && expected.every((b, i) => bytes[offset + i] === b);
};

/**
 * The image format, recognised from the file's first bytes (its magic numbers), never from
 * its name or the type the client claims. Null for anything else, HEIC included: the
 * prebuilt libvips has no HEVC decoder (phones' browsers convert HEIC to JPEG on upload).
 */
export function sniffImageType(bytes: Uint8Array): AttachmentMediaType | null {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return 'image/webp';
  return null;
}

const SHARP_FORMAT = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const;

export interface CleanImage {
  bytes: Buffer;
  mediaType: AttachmentMediaType;
  width: number;
  height: number;
  /** SHA-256 of `bytes`, hex. */
  sha256: string;
}

/**
 * Decodes an uploaded image and encodes it anew in the same format: turned upright by its
 * EXIF orientation, scaled down to at most MAX_STORED_SIDE, converted to sRGB, and written
 * without any metadata (EXIF with GPS and serial numbers, XMP, IPTC, ICC profiles, PNG text
 * chunks; only the first frame of an animation). The same input always gives the same bytes.
 */
export async function reencodeImage(input: Uint8Array): Promise<CleanImage> {
  const mediaType = sniffImageType(input);
  if (!mediaType) throw new AppError('UNSUPPORTED_IMAGE');
  const format = SHARP_FORMAT[mediaType];
  // The header alone says how large the decoded image would be: refuse bombs before decoding.
  const header = await sharp(input, { limitInputPixels: false }).metadata().catch(() => null);
  if (!header || header.format !== format) throw invalidField('file', 'image_unreadable');
  if (header.width * header.height > MAX_INPUT_PIXELS) throw invalidField('file', 'image_too_many_pixels', { megapixels: MAX_INPUT_PIXELS / 1e6 });
  const pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true, sequentialRead: true }).resize({
    width: MAX_STORED_SIDE,
    height: MAX_STORED_SIDE,
    fit: 'inside',
    withoutEnlargement: true,
  });
  const encoded =
    format === 'jpeg' ? pipeline.jpeg({ quality: 85 }) : format === 'png' ? pipeline.png({ compressionLevel: 8 }) : pipeline.webp({ quality: 85 });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true }).catch(() => {
    throw invalidField('file', 'image_unreadable');
  });
  await assertNoMetadata(data, format);
  return { bytes: data, mediaType, width: info.width, height: info.height, sha256: createHash('sha256').update(data).digest('hex') };
}

/** A guard against a future sharp default that copies metadata: the stored file must carry none. */
async function assertNoMetadata(bytes: Buffer, format: string): Promise<void> {
  const meta = await sharp(bytes).metadata();
  const kept = (['exif', 'xmp', 'iptc', 'icc', 'comments'] as const).filter((key) => meta[key] !== undefined);
  if (meta.format !== format || kept.length > 0) throw new Error(`re-encoded image still carries ${kept.join(', ') || 'another format'}`);
}
