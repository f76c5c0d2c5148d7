import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.ts';
import { CAMERA_SERIAL, jpegFromCamera, jpegMarkers, pixelBombPng, pngChunkTypes, pngWithText, webpChunkIds, webpFromCamera } from '../../../test/images.ts';
import { MAX_STORED_SIDE, reencodeImage, sniffImageType } from './images.ts';

const JPEG_METADATA_MARKERS = [0xe1, 0xe2, 0xed, 0xfe]; // APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC), comment

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: unknown) => (err instanceof AppError ? { code: err.code, fields: err.fields.map((f) => f.code) } : err),
  );

describe('sniffing an upload', () => {
  it('recognises JPEG, PNG and WebP by their first bytes, and nothing else', async () => {
    expect(sniffImageType(await jpegFromCamera())).toBe('image/jpeg');
    expect(sniffImageType(await pngWithText('x'))).toBe('image/png');
    expect(sniffImageType(await webpFromCamera())).toBe('image/webp');
    expect(sniffImageType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffImageType(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic'))).toBeNull();
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('re-encoding an image', () => {
  it('drops EXIF (GPS, serial), XMP and ICC from a JPEG and turns it upright', async () => {
    const original = await jpegFromCamera(64, 48);
    expect(original.includes(CAMERA_SERIAL)).toBe(true);
    const clean = await reencodeImage(original);
    expect(clean.mediaType).toBe('image/jpeg');
    expect(jpegMarkers(clean.bytes).filter((m) => JPEG_METADATA_MARKERS.includes(m))).toEqual([]);
    for (const trace of [CAMERA_SERIAL, 'Exif', 'GPS', 'Acme', 'http://ns.adobe.com']) expect(clean.bytes.includes(trace), trace).toBe(false);
    // Orientation 6 (sideways) is applied to the pixels before the tag is dropped.
    expect([clean.width, clean.height]).toEqual([48, 64]);
    const decoded = await sharp(clean.bytes).metadata();
    expect(decoded).toMatchObject({ format: 'jpeg', width: 48, height: 64, space: 'srgb' });
    expect(decoded.orientation).toBeUndefined();
  });

  it('drops the text chunks of a PNG and EXIF of a WebP', async () => {
    const png = await reencodeImage(await pngWithText('Taken at 12 Calle Sur, 3rd floor'));
    expect(pngChunkTypes(png.bytes)).toEqual(expect.not.arrayContaining(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'iCCP', 'tIME']));
    expect(png.bytes.includes('Calle Sur')).toBe(false);
    const webp = await reencodeImage(await webpFromCamera());
    expect(webpChunkIds(webp.bytes)).toEqual(expect.not.arrayContaining(['EXIF', 'XMP ', 'ICCP']));
    expect(webp.bytes.includes(CAMERA_SERIAL)).toBe(false);
  });

  it('gives the same bytes for the same upload, so a retry is recognised', async () => {
    const original = await jpegFromCamera();
    const [a, b] = [await reencodeImage(original), await reencodeImage(original)];
    expect(a.sha256).toBe(b.sha256);
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });

  it('scales large photos down to the longest side allowed', async () => {
    const large = await sharp({ create: { width: 3200, height: 1800, channels: 3, background: '#345' } }).jpeg().toBuffer();
    expect(await reencodeImage(large)).toMatchObject({ width: MAX_STORED_SIDE, height: 1440 });
  });

  it('refuses disguised files, pixel bombs and damaged images with clear errors', async () => {
    expect(await failure(reencodeImage(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >>')))).toEqual({ code: 'UNSUPPORTED_IMAGE', fields: [] });
    expect(await failure(reencodeImage(pixelBombPng(60_000, 60_000)))).toEqual({ code: 'VALIDATION_FAILED', fields: ['image_too_many_pixels'] });
    const truncated = (await jpegFromCamera()).subarray(0, 200);
    expect(await failure(reencodeImage(truncated))).toEqual({ code: 'VALIDATION_FAILED', fields: ['image_unreadable'] });
    // JPEG magic followed by a script: sniffed as JPEG, but no decoder accepts it.
    expect(await failure(reencodeImage(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<script>alert(1)</script>')])))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: ['image_unreadable'],
    });
  });
});
