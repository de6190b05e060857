// Where the worker may send a request of its own (a feed fetch, a link check). Self-hosted, the
// worker sits inside someone's network: a feed or link URL naming a loopback, private, link-local
// or unique-local address would let any site admin make it fetch from that network (SSRF). Such
// URLs are refused when a feed or link is registered, and again on every fetch and every redirect
// hop. Only the local development and test setup sets ALLOW_PRIVATE_TARGETS=1 (its stand-in
// servers listen on 127.0.0.1).
//
// The URL parser has already normalised what it can: `http://2130706433/`, `http://0x7f.1/` and
// `http://127.1/` all have the hostname `127.0.0.1`, and `[::ffff:127.0.0.1]` becomes
// `[::ffff:7f00:1]`. A DNS name that resolves to a private address cannot be seen from a Worker
// (it has no resolver API); see docs/feeds.md.

import ipaddr from 'ipaddr.js';
import type { Env } from '../env.js';
import { invalidFields } from './validate.js';

/** Whether this deployment may reach private addresses (local development and tests only). */
export const allowsPrivateTargets = (env: Pick<Env, 'ALLOW_PRIVATE_TARGETS'>) => env.ALLOW_PRIVATE_TARGETS === '1';

/**
 * Whether an IP address is anything but the public internet: loopback, private, link-local,
 * unique-local, carrier-grade NAT, multicast, documentation, reserved… ipaddr.js names each
 * range; only its "unicast" is public. An IPv4-mapped IPv6 address is judged as its IPv4 one;
 * the IPv6 ranges that embed an IPv4 address (6to4, NAT64, Teredo) are refused outright.
 */
function isPrivateAddress(host: string): boolean {
  const address = ipaddr.parse(host);
  const judged = address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
  return judged.range() !== 'unicast';
}

/**
 * Why the worker must not request `url` (an English sentence for the JSON error or the feed's
 * status), or null when it may: only http(s) to a public host name or a public address.
 */
export function privateTargetReason(url: string | URL): string | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return 'not an absolute URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'only http and https addresses may be fetched';
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  const refused = `the address ${parsed.hostname} is a loopback, private or link-local one, which the worker does not fetch`;
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  if (ipaddr.isValid(literal)) return isPrivateAddress(literal) ? refused : null;
  if (host.startsWith('[')) return refused; // not an address the parser knows: not a public one either
  // names that mean this machine or the local network, whatever DNS says
  if (host === 'localhost' || /\.(localhost|local|internal|home\.arpa)$/.test(host) || !host.includes('.')) return refused;
  return null;
}

/** The redirects a fetch of the worker's own follows, at most (each hop is checked like the first URL). */
export const MAX_REDIRECTS = 5;

/**
 * fetch() that follows redirects itself, checking the first URL and every Location against
 * privateTargetReason (unless private targets are allowed). A refused hop throws a
 * PrivateTargetError; the final response is returned as fetch would (its `url` is not set, so
 * `finalUrl` carries it).
 */
export async function fetchPublic(
  url: string,
  init: RequestInit,
  { allowPrivate, fetcher = fetch }: { allowPrivate: boolean; fetcher?: typeof fetch },
): Promise<{ response: Response; finalUrl: string }> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const reason = allowPrivate ? null : privateTargetReason(current);
    if (reason) throw new PrivateTargetError(reason);
    const response = await fetcher(current, { ...init, redirect: 'manual' });
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('Location') : null;
    if (!location) return { response, finalUrl: current };
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw new PrivateTargetError(`more than ${MAX_REDIRECTS} redirects`);
    current = new URL(location, current).href;
  }
}

export class PrivateTargetError extends Error {
  override name = 'PrivateTargetError';
}

/**
 * For a route that registers URLs the worker will fetch: a 400 JSON error naming each one that
 * points at a private target (`[path, url]` pairs, as the validation issues name them).
 */
export function refusePrivateTargets(env: Pick<Env, 'ALLOW_PRIVATE_TARGETS'>, urls: [path: string, url: string | null | undefined][]): void {
  if (allowsPrivateTargets(env)) return;
  const issues = urls.flatMap(([path, url]) => {
    const reason = url ? privateTargetReason(url) : null;
    return reason ? [{ path, message: reason }] : [];
  });
  if (issues.length) throw invalidFields(issues);
}
