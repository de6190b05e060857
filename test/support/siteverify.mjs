// A stand-in for Cloudflare's Turnstile siteverify (the real one is not reachable from tests),
// answering as the real one does: `{ success, "error-codes" }` for a form with `secret` and
// `response`. It accepts the token `good-token` with the secret `test-turnstile-secret` (or a
// site's own `site-own-secret`), and answers 500 for the token `siteverify-down`. The worker
// tests call `siteverify` as their outbound service; browser tests run it as a local server.
import { createServer } from 'node:http';

export const TEST_TURNSTILE_SECRET = 'test-turnstile-secret';
const SECRETS = new Set([TEST_TURNSTILE_SECRET, 'site-own-secret']);

/** siteverify's answer to `request` (a web Request). */
export async function siteverify(request) {
  if (request.method !== 'POST') return new Response('Method Not Allowed', { status: 405 });
  const form = await request.formData();
  const token = form.get('response');
  if (token === 'siteverify-down') return new Response('Internal Server Error', { status: 500 });
  if (!SECRETS.has(String(form.get('secret')))) return Response.json({ success: false, 'error-codes': ['invalid-input-secret'] });
  if (token !== 'good-token') return Response.json({ success: false, 'error-codes': ['invalid-input-response'] });
  return Response.json({ success: true, 'error-codes': [], challenge_ts: new Date().toISOString(), hostname: 'localhost' });
}

/** The stand-in on a free loopback port: `{ url, stop() }`. */
export async function startSiteverify() {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
    const answer = await siteverify(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers, body }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/siteverify`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
