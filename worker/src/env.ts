import type { SiteRecord } from './db/sites.js';

/** The worker's bindings, as wrangler.toml and its secrets declare them. */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** HMAC key for voter and network keys: a wrangler secret, generated into .dev.vars locally. */
  VOTER_SECRET: string;
  /** Votes one network may cast on one site per minute. */
  VOTES_PER_MINUTE: string;
  /** SHA-256 (hex) of the operator's token: a wrangler secret; `npm start` generates a dev one. */
  OPERATOR_TOKEN_SHA256?: string;
  /** Uploaded photos (R2), keyed per site. */
  PHOTOS: R2Bucket;
  /** Cloudflare Images: decodes and re-encodes uploads. */
  IMAGES: ImagesBinding;
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
    /** Who sent the request (set by `requireAdmin` and `requireOperator`). */
    actor: Actor;
  };
}
