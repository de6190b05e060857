import type { SiteRecord } from './db/sites.js';

/** The worker's bindings, as wrangler.toml and its secrets declare them. */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** HMAC key for voter and network keys: a wrangler secret, generated into .dev.vars locally. */
  VOTER_SECRET: string;
  /** Votes one network may cast on one site per minute. */
  VOTES_PER_MINUTE: string;
  /** Turnstile secret for sites that ask for Turnstile without a secret of their own: a wrangler secret. */
  TURNSTILE_SECRET?: string;
  /** Where Turnstile tokens are checked; unset: Cloudflare's siteverify (tests point it at a stand-in). */
  TURNSTILE_VERIFY_URL?: string;
}

/** Hono's environment for every router: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The site named by the `:site` path parameter (set by `siteScope`). */
    site: SiteRecord;
  };
}
