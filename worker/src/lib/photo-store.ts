import type { ImageVariant } from '@civic-widgets/contract';
import type { Rendition } from './image-upload.js';

// Uploaded photos in R2 (binding PHOTOS): each upload under its own new key prefix
// `<site>/<uuid>`, one object per width, never overwritten, served by routes/media.ts.

export const MEDIA_PATH = '/media/';

/** A new, never-used key prefix for a site's upload. */
export const newStorageKey = (site: string) => `${site}/${crypto.randomUUID()}`;

const objectKey = (prefix: string, width: number, ext: string) => `${prefix}/${width}.${ext}`;

export interface StoredPhoto {
  src: string;
  width: number;
  height: number;
  thumbnail: ImageVariant | null;
  variants: ImageVariant[];
}

/**
 * Writes every rendition; if any write fails, removes those written, so nothing is half stored.
 * Answers the photo's addresses: the widest as `src`, the narrowest as thumbnail, all for srcset.
 */
export async function storeRenditions(
  bucket: R2Bucket,
  prefix: string,
  renditions: Rendition[],
  picture: { width: number; height: number; contentType: string; ext: string },
): Promise<StoredPhoto> {
  const written: string[] = [];
  try {
    for (const rendition of renditions) {
      const key = objectKey(prefix, rendition.width, picture.ext);
      await bucket.put(key, rendition.bytes, {
        httpMetadata: { contentType: picture.contentType, cacheControl: 'public, max-age=31536000, immutable' },
      });
      written.push(key);
    }
  } catch (error) {
    await bucket.delete(written).catch(() => undefined);
    throw error;
  }
  const variants = renditions.map((rendition) => ({ src: `${MEDIA_PATH}${objectKey(prefix, rendition.width, picture.ext)}`, width: rendition.width }));
  const main = variants.at(-1)!;
  return {
    src: main.src,
    width: main.width,
    height: Math.max(1, Math.round((picture.height * main.width) / picture.width)),
    thumbnail: variants.length > 1 ? variants[0]! : null,
    variants: variants.slice(0, -1),
  };
}

/** Deletes every object under each prefix (a deleted photo's or album's files). */
export async function deleteStored(bucket: R2Bucket, prefixes: string[]): Promise<void> {
  for (const prefix of prefixes) {
    let cursor: string | undefined;
    do {
      const page = await bucket.list({ prefix: `${prefix}/`, cursor });
      if (page.objects.length) await bucket.delete(page.objects.map((object) => object.key));
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }
}

/**
 * deleteStored once the rows are gone (or were never written): the write it follows stands, so a
 * failure is logged rather than answered. Files left behind are unreachable: no row names them.
 */
export async function cleanUpStored(bucket: R2Bucket, prefixes: string[]): Promise<void> {
  try {
    await deleteStored(bucket, prefixes);
  } catch (error) {
    console.error('R2: could not delete the files under', prefixes.join(', '), error);
  }
}
