import type { Context } from 'hono';
import { imageSize } from 'image-size';
import type { AppEnv } from '../env.js';
import { ApiError } from './errors.js';
import { readCapped } from './read-capped.js';

// A photo upload is judged by its bytes, never by its name or the Content-Type it was sent with:
// the format is read from its first bytes and its dimensions decoded (image-size), the Images
// binding must decode it too, and a file that also carries a page, a script or an archive (a
// "polyglot", GIFAR-style) is refused. What is stored and served is never the upload itself but
// the Images binding's re-encoding, which keeps no EXIF (no GPS position).

/** The largest upload taken, in bytes. */
export const UPLOAD_MAX_BYTES = 15 * 1024 * 1024;

/** Formats taken, by image-size's name: how each is re-encoded, and its file extension. */
const ACCEPTED = {
  jpg: { name: 'JPEG', output: 'image/jpeg', ext: 'jpg' },
  png: { name: 'PNG', output: 'image/png', ext: 'png' },
  webp: { name: 'WebP', output: 'image/webp', ext: 'webp' },
  // AVIF is re-encoded as WebP: encoding AVIF is slow, and WebP reaches the same browsers
  avif: { name: 'AVIF', output: 'image/webp', ext: 'webp' },
} as const;
export type AcceptedFormat = (typeof ACCEPTED)[keyof typeof ACCEPTED];

const TAKES = 'Upload a JPEG, PNG, WebP or AVIF photo.';
const refuse = (what: string) => new ApiError(415, `This file is ${what}, not a photo this service takes. ${TAKES}`);
const damaged = (format: AcceptedFormat) => new ApiError(415, `This file starts like a ${format.name} but cannot be read as one (damaged?). ${TAKES}`);

/** The most pixels a photo may have, as Cloudflare Images takes: checked before any decode (a small file can declare a huge picture). */
export const MAX_PIXELS = 100_000_000;

/** The body, read as it streams in: 413 past the limit (by Content-Length first, then by count), 400 when empty. */
export async function readUpload(c: Context<AppEnv>, max = UPLOAD_MAX_BYTES): Promise<Uint8Array> {
  const tooLarge = () => new ApiError(413, `A photo may be at most ${Math.round(max / 1024 / 1024)} MB.`);
  const bytes = await readCapped(c.req.raw.body, c.req.header('Content-Length'), max, tooLarge);
  if (bytes.byteLength === 0) throw new ApiError(400, 'The file is empty: send the photo as the body.');
  return bytes;
}

const latin1 = new TextDecoder('latin1');
const startsWith = (bytes: Uint8Array, text: string, at = 0) => latin1.decode(bytes.subarray(at, at + text.length)) === text;

// what a browser would run or render if it sniffed the file: markup and script, anywhere in it
// (tags of four letters or more, so compressed picture data does not match them by chance)
const MARKUP = /<(?:script|html|body|svg|iframe|object|embed|!doctype|\?php)[\s>/]/i;

/** What a refused file really is, in words, from its first bytes. */
function describe(bytes: Uint8Array): string {
  const head = latin1
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '')
    .trimStart();
  if (head.startsWith('<') || /^<\?xml/.test(head)) {
    if (/<svg[\s>]/i.test(head)) return 'an SVG drawing';
    if (/<(?:!doctype html|html|head|body|script|iframe|div|p)[\s>]/i.test(head)) return 'HTML';
    return 'XML or another markup text';
  }
  if (startsWith(bytes, '%PDF-')) return 'a PDF document';
  if (startsWith(bytes, 'PK\u0003\u0004')) return 'a ZIP archive (or an Office document)';
  let type: string | undefined;
  try {
    type = imageSize(bytes).type;
  } catch {
    type = undefined;
  }
  if (type) return `a ${type.toUpperCase()} image`;
  if (!/[\u0000-\u0008\u000E-\u001F]/.test(head.slice(0, 512))) return 'text';
  return 'not a picture in a format this service reads';
}

/** The bytes after a PNG's IEND chunk, or past a WebP's RIFF length: a file carrying something else. */
function trailingData(bytes: Uint8Array, format: keyof typeof ACCEPTED): boolean {
  if (format === 'png') {
    const iend = latin1.decode(bytes.subarray(-12));
    return !iend.startsWith('\u0000\u0000\u0000\u0000IEND');
  }
  if (format === 'webp') {
    const riff = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
    return bytes.byteLength > riff + 8 + 1;
  }
  return false;
}

export interface CheckedImage {
  format: AcceptedFormat;
  width: number;
  height: number;
}

/**
 * 415 unless the bytes are a JPEG, PNG, WebP or AVIF photo and nothing else: the message names
 * what the file really is ("This file is HTML, …").
 */
export async function checkImage(images: ImagesBinding, bytes: Uint8Array): Promise<CheckedImage> {
  let size: { type?: string; width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    throw refuse(describe(bytes));
  }
  const type = size.type as keyof typeof ACCEPTED | undefined;
  if (!type || !(type in ACCEPTED)) throw refuse(describe(bytes));
  const format = ACCEPTED[type];
  const scan = latin1.decode(bytes);
  const tail = scan.slice(-65_557); // a ZIP's end record is in its last 64 KiB + 22 bytes
  if (MARKUP.test(scan)) throw new ApiError(415, `This file is a ${format.name} with HTML or script inside it. ${TAKES}`);
  if (tail.includes('PK\u0005\u0006') || scan.includes('%PDF-') || trailingData(bytes, type)) {
    throw new ApiError(415, `This file is a ${format.name} with another file joined to it. ${TAKES}`);
  }
  // a real decode: the Images binding must read it as the same picture
  if (!size.width || !size.height) throw damaged(format);
  if (size.width * size.height > MAX_PIXELS) {
    throw new ApiError(
      413,
      `This photo is ${size.width} × ${size.height} pixels, more than the ${MAX_PIXELS / 1e6} megapixels this service takes. Make it smaller and upload it again.`,
    );
  }
  const info = await images.info(new Blob([bytes]).stream()).catch(() => null);
  if (info === null && type === 'avif') {
    // wrangler's local Images emulation refuses AVIF in info() (sharp calls it "heif") yet decodes
    // it: there, a small transform is the decode
    await images
      .input(new Blob([bytes]).stream())
      .transform({ width: 16 })
      .output({ format: 'image/webp' })
      .catch(() => {
        throw damaged(format);
      });
    return { format, width: size.width, height: size.height };
  }
  if (!info || !('width' in info) || info.width !== size.width || info.height !== size.height) throw damaged(format);
  return { format, width: info.width, height: info.height };
}

/** The widths an upload is re-encoded at (for srcset); none wider than the photo itself. */
export const WIDTHS = [320, 640, 1024, 1600, 2048];

export interface Rendition {
  width: number;
  bytes: Uint8Array;
}

/**
 * The photo re-encoded (so without its metadata) at each width up to its own. A file whose header
 * read but whose image data cannot be decoded (cut off, damaged) is the 415 of a damaged file.
 */
export async function renditions(images: ImagesBinding, bytes: Uint8Array, image: CheckedImage): Promise<Rendition[]> {
  const widths = [...WIDTHS.filter((width) => width < image.width), Math.min(image.width, WIDTHS.at(-1)!)];
  const out: Rendition[] = [];
  try {
    for (const width of widths) {
      const result = await images
        .input(new Blob([bytes]).stream())
        .transform({ width, fit: 'scale-down' })
        .output({ format: image.format.output, quality: 85 });
      out.push({ width, bytes: new Uint8Array(await result.response().arrayBuffer()) });
    }
  } catch (error) {
    console.error('Images: could not re-encode an upload', error);
    throw damaged(image.format);
  }
  return out;
}
