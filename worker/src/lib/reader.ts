import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { hmacHex } from './crypto.js';
import { networkOf } from './network.js';

/**
 * A reader is known only by keyed hashes of their network: the IPv4 address or IPv6 /64 of
 * Cloudflare's CF-Connecting-IP (set by the edge, not by the client). The user agent is not part
 * of it (anyone can send a new one with each request), and nothing raw is kept.
 */
const networkIdentity = (c: Context<AppEnv>) => networkOf(c.req.header('CF-Connecting-IP') ?? c.req.header('X-Real-IP'));

function secretOf(c: Context<AppEnv>): string {
  const secret = c.env.VOTER_SECRET;
  if (!secret) throw new Error('VOTER_SECRET is not set: run `npm start` locally or `wrangler secret put VOTER_SECRET`.');
  return secret;
}

/** One reader's key for one thing (`purpose` and `scope` salt it), so keys on two things can't be linked. */
function readerKey(c: Context<AppEnv>, purpose: string, ...scope: string[]): Promise<string> {
  return hmacHex(secretOf(c), purpose, ...scope, networkIdentity(c));
}

/** One reader's key for one item: salted by site and item, so keys on two items can't be linked. */
export const voterKey = (c: Context<AppEnv>, item: string) => readerKey(c, 'voter', c.var.site.slug, item);

/**
 * One reader's key for clicks on, or reports of, one link (a link's id is unique across sites).
 * A click counts a visit, not a say, so there two browsers on one network still count apart; a
 * report is a reader's write, known by the network alone like a vote.
 */
export const linkReaderKey = (c: Context<AppEnv>, purpose: 'click' | 'report', link: number) =>
  purpose === 'click' ? readerKey(c, purpose, String(link), c.req.header('User-Agent') ?? '') : readerKey(c, purpose, String(link));

/** The key a rate limit counts by: the network on this site, whatever the browser. */
export const networkKey = (c: Context<AppEnv>) => readerKey(c, 'network', c.var.site.slug);
