// A stand-in for Cloudflare's Turnstile siteverify (the real one is not reachable from tests),
// answering as the real one does: `{ success, "error-codes" }` for a form with `secret` and
// `response`. It accepts the token `good-token` with the secret `test-turnstile-secret` (or a
// site's own `site-own-secret`), and answers 500 for the token `siteverify-down`.
export const TURNSTILE_HOST = 'turnstile.test';

const SECRETS = new Set(['test-turnstile-secret', 'site-own-secret']);

export async function turnstileServer(request: Request): Promise<Response> {
  if (request.method !== 'POST') return new Response('Method Not Allowed', { status: 405 });
  const form = await request.formData();
  const token = form.get('response');
  if (token === 'siteverify-down') return new Response('Internal Server Error', { status: 500 });
  if (!SECRETS.has(String(form.get('secret')))) return Response.json({ success: false, 'error-codes': ['invalid-input-secret'] });
  if (token !== 'good-token') return Response.json({ success: false, 'error-codes': ['invalid-input-response'] });
  return Response.json({ success: true, 'error-codes': [], challenge_ts: new Date().toISOString(), hostname: 'portal.test' });
}
