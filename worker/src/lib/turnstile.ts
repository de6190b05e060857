import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { ApiError } from './errors.js';

/** Cloudflare's siteverify endpoint; TURNSTILE_VERIFY_URL replaces it (tests use a local stand-in). */
export const SITEVERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

const refused = (message: string) => new ApiError(403, message, [{ path: 'turnstile', message }]);
const unavailable = (message: string) => new ApiError(503, message, undefined, { 'Retry-After': '5' });

/**
 * When the site asks readers for Turnstile, checks `token` with siteverify before a reader's write
 * touches D1: no token, or one siteverify does not accept, is a 403 whose issue names `turnstile`
 * (the element then shows the widget). Fails closed: if siteverify cannot be asked, 503.
 */
export async function requireTurnstile(c: Context<AppEnv>, token: string | undefined): Promise<void> {
  const turnstile = c.var.site.turnstile;
  if (!turnstile) return;
  if (!token) throw refused('This site asks for a Turnstile check with each vote or report: no token was sent.');
  const secret = turnstile.secret ?? c.env.TURNSTILE_SECRET;
  if (!secret) throw unavailable('The Turnstile check is not set up on this worker (no secret).');
  const form = new FormData();
  form.set('secret', secret);
  form.set('response', token);
  const ip = c.req.header('CF-Connecting-IP');
  if (ip) form.set('remoteip', ip);
  let outcome: { success?: unknown };
  try {
    const response = await fetch(c.env.TURNSTILE_VERIFY_URL || SITEVERIFY_URL, { method: 'POST', body: form, signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`siteverify answered ${response.status}`);
    outcome = await response.json();
  } catch (error) {
    console.error('Turnstile siteverify failed:', error);
    throw unavailable('The Turnstile check could not be made; try again shortly.');
  }
  if (outcome.success !== true) throw refused('The Turnstile check failed or expired; complete it again.');
}
