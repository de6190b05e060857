import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.js';
import { countClick, findLinkTarget, isLinkGone } from '../db/links.js';
import { ApiError } from '../lib/errors.js';
import { empty, failure, operations } from '../lib/openapi.js';
import { linkReaderKey } from '../lib/reader.js';

const notFound = () => new ApiError(404, 'No such link.');

/** What a browser shows for a deleted link: a short page in Vietnamese and English, not JSON. */
const GONE_PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Liên kết không còn nữa</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}</style>
</head>
<body>
<main>
<h1>Liên kết này không còn nữa</h1>
<p>Trang thông tin đã xóa liên kết này. Xin quay lại trang trước để chọn liên kết khác.</p>
<div lang="en">
<h2>This link no longer exists</h2>
<p>The portal has removed this link. Please go back and choose another one.</p>
</div>
</main>
</body>
</html>
`;

/**
 * A deleted link's id is never given to another link (migrations/0010), so its /go answers 410
 * Gone for good: JSON for an API client, a readable page for a browser (one that asks for HTML).
 */
function gone(c: Context<AppEnv>) {
  const headers = { 'Cache-Control': 'public, max-age=3600', 'X-Robots-Tag': 'noindex', Vary: 'Accept' };
  if (/\btext\/html\b/i.test(c.req.header('Accept') ?? '')) return c.html(GONE_PAGE, 410, headers);
  throw new ApiError(410, 'This link was deleted.', undefined, headers);
}

const op = operations('links', {
  followLink: {
    summary:
      "A reader follows a link: the click is counted (a reader's repeats within 30 minutes count once) and answered with a redirect to the link's stored URL",
    description: 'A HEAD is answered the same, and not counted. The target only ever comes from the stored link: nothing in the request can choose it.',
    access: 'public',
    // the id is checked by the handler itself: anything but a link's id is a 404
    parameters: [{ name: 'link', in: 'path', required: true, description: "The link's id", schema: { type: 'string', pattern: '^[1-9][0-9]{0,14}$' } }],
    responses: {
      302: {
        ...empty('To the stored URL, never to one taken from the request'),
        headers: { Location: { description: "The link's stored http(s) URL", schema: { type: 'string', format: 'uri' } } },
      },
      404: failure('No such link'),
      410: {
        ...failure('The link was deleted (its id is never given to another link)'),
        content: {
          ...failure('').content,
          'text/html': { schema: { type: 'string', description: 'A short page in Vietnamese and English, for a browser that asks for HTML' } },
        },
      },
    },
  },
});

/**
 * `GET /go/:link`: counts a reader's click (a repeat within 30 minutes counts once) and sends them
 * on with a 302 to the link's stored URL. The target only ever comes from D1, where only http(s)
 * URLs are stored; nothing in the request can choose it, so this is no open redirect.
 */
export const go = new Hono<AppEnv>().get('/:link', op.followLink, async (c) => {
  // a link's id in plain digits (at most 15: a safe integer), nothing else
  const id = /^[1-9][0-9]{0,14}$/.test(c.req.param('link')) ? Number(c.req.param('link')) : 0;
  const link = id ? await findLinkTarget(c.env.DB, id) : null;
  if (!link && id && (await isLinkGone(c.env.DB, id))) return gone(c);
  // stored URLs are validated on the way in; checked again on the way out all the same
  if (!link || !/^https?:\/\//i.test(link.url)) throw notFound();
  // A HEAD (a link checker, a preview) is answered but not counted.
  if (c.req.method === 'GET') {
    await countClick(c.env.DB, {
      siteId: link.siteId,
      linkId: id,
      readerKey: await linkReaderKey(c, 'click', id),
      now: Math.floor(Date.now() / 1000),
    });
  }
  return c.body(null, 302, {
    Location: link.url,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex',
  });
});
