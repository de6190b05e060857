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

import type { Env } from '../env.js';
import { invalidFields } from './validate.js';

/** Whether this deployment may reach private addresses (local development and tests only). */
export const allowsPrivateTargets = (env: Pick<Env, 'ALLOW_PRIVATE_TARGETS'>) => env.ALLOW_PRIVATE_TARGETS === '1';

const v4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

// [first address, prefix length] of every IPv4 range that is not the public internet
const PRIVATE_V4: [number, number][] = [
  [v4(0, 0, 0, 0), 8], // "this network"
  [v4(10, 0, 0, 0), 8],
  [v4(100, 64, 0, 0), 10], // carrier-grade NAT
  [v4(127, 0, 0, 0), 8], // loopback
  [v4(169, 254, 0, 0), 16], // link-local (cloud metadata services live here)
  [v4(172, 16, 0, 0), 12],
  [v4(192, 0, 0, 0), 24],
  [v4(192, 0, 2, 0), 24], // documentation
  [v4(192, 168, 0, 0), 16],
  [v4(198, 18, 0, 0), 15], // benchmarking
  [v4(198, 51, 100, 0), 24],
  [v4(203, 0, 113, 0), 24],
  [v4(224, 0, 0, 0), 4], // multicast
  [v4(240, 0, 0, 0), 4], // reserved, and the broadcast address
];

function privateV4(address: number): boolean {
  return PRIVATE_V4.some(([base, bits]) => (address >>> (32 - bits)) === (base >>> (32 - bits)));
}

function parseV4(host: string): number | null {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!parts) return null;
  const bytes = parts.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? v4(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) : null;
}

/** The eight 16-bit groups of an IPv6 address as the URL parser writes it (compressed, hex, maybe with a dotted tail). */
function parseV6(host: string): number[] | null {
  let text = host.toLowerCase();
  const dotted = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const address = parseV4(dotted[1]!);
    if (address === null) return null;
    text = `${text.slice(0, dotted.index)}:${(address >>> 16).toString(16)}:${(address & 0xffff).toString(16)}`;
  }
  const [head, tail, ...rest] = text.split('::');
  if (rest.length) return null;
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<number>(Math.max(fill, 0)).fill(0), ...right];
  return all.length === 8 && all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : null;
}

function privateV6(g: number[]): boolean {
  const embeddedV4 = (hi: number, lo: number) => privateV4(((hi << 16) | lo) >>> 0);
  const zeroes = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeroes(0, 6)) return true; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
  if (zeroes(0, 5) && g[5] === 0xffff) return embeddedV4(g[6]!, g[7]!); // IPv4-mapped ::ffff:a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && zeroes(2, 6)) return embeddedV4(g[6]!, g[7]!); // NAT64
  if (g[0] === 0x2002) return embeddedV4(g[1]!, g[2]!); // 6to4
  const first = g[0]!;
  return (
    (first & 0xfe00) === 0xfc00 || // unique-local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xffc0) === 0xfec0 || // site-local (deprecated) fec0::/10
    (first & 0xff00) === 0xff00 || // multicast
    (first === 0x2001 && g[1] === 0x0db8) // documentation
  );
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
  if (host.startsWith('[')) {
    const groups = parseV6(host.slice(1, -1));
    return !groups || privateV6(groups) ? refused : null;
  }
  const address = parseV4(host);
  if (address !== null) return privateV4(address) ? refused : null;
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
