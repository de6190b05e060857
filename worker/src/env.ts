import type { SiteRecord } from './db/sites.js';
import type { FeedMessage } from './lib/feed-import.js';

/** The worker's bindings, as wrangler.toml and its secrets declare them. */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** HMAC key for voter and network keys: a wrangler secret, generated into .dev.vars locally. */
  VOTER_SECRET: string;
  /** Votes one network may cast on one site per minute. */
  VOTES_PER_MINUTE: string;
  /** "1" lets feed and link URLs name loopback or private addresses: set only by the local dev and test setup (lib/targets.ts). */
  ALLOW_PRIVATE_TARGETS?: string;
  /** SHA-256 (hex) of the operator's token: a wrangler secret; `npm start` generates a dev one. */
  OPERATOR_TOKEN_SHA256?: string;
  /** Turnstile secret for sites that ask for Turnstile without a secret of their own: a wrangler secret. */
  TURNSTILE_SECRET?: string;
  /** Where Turnstile tokens are checked; unset: Cloudflare's siteverify (tests point it at a stand-in). */
  TURNSTILE_VERIFY_URL?: string;
  /** Uploaded photos (R2), keyed per site. */
  PHOTOS: R2Bucket;
  /** Cloudflare Images: decodes and re-encodes uploads. */
  IMAGES: ImagesBinding;
  /** The feeds queue (`civic-widgets-feeds`): the Cron Trigger sends the due feeds, queue() imports them. Unbound: the Cron imports a few itself. */
  FEED_QUEUE?: Queue<FeedMessage>;
}

/** Who made an authenticated request: the operator, or one site's admin token. */
export interface Actor {
  role: 'operator' | 'admin';
  label: string;
  tokenId: string | null;
  /** The token's site (null for the operator). */
  site: { id: number; slug: string; name: string } | null;
}

/** Hono's environment for every router: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The site named by the `:site` path parameter (set by `siteScope`). */
    site: SiteRecord;
    /** set while the edge cache fills: a read answers its body even to a client that has it */
    edgeFill?: boolean;
    /** Who sent the request (set by `requireAdmin` and `requireOperator`). */
    actor: Actor;
  };
}
