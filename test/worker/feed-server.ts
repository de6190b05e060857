// The "internet" the worker tests see: every fetch the worker makes goes to this function
// (miniflare's outboundService), which serves the fixture feeds of test/worker/fixtures/feeds
// at http://feeds.test/<file> the way a portal's web server would — ETag, Last-Modified, 304
// on a matching If-None-Match — and records each request. A test can also PUT a body at any
// path of feeds.test to serve it from then on. Requests to 127.0.0.1 (the link health tests'
// fixture servers) go through. No request leaves the machine.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAST_MODIFIED, type FeedRequest } from './feed-log.js';

export function feedServer(dir: string) {
  const overrides = new Map<string, string>();
  const log: FeedRequest[] = [];

  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    // the stand-in agency web servers of the link health tests (fixture-sites.ts) listen on loopback
    if (url.hostname === '127.0.0.1') {
      // (miniflare hands over its own Request class: Node's fetch wants the parts)
      const { method, headers } = request;
      const body = method === 'GET' || method === 'HEAD' ? undefined : await request.arrayBuffer();
      return fetch(request.url, { method, headers, body, redirect: 'manual', signal: request.signal });
    }
    if (url.hostname !== 'feeds.test') return new Response('The worker tests have no network.', { status: 502 });
    const path = url.pathname;
    if (path === '/__log') return Response.json(log);
    if (request.method === 'PUT') {
      overrides.set(path, await request.text());
      return new Response(null, { status: 204 });
    }
    const entry: FeedRequest = {
      path,
      ifNoneMatch: request.headers.get('If-None-Match'),
      ifModifiedSince: request.headers.get('If-Modified-Since'),
      status: 200,
    };
    log.push(entry);
    // a portal whose server never answers in time: /hang answers 503 after five seconds
    if (path === '/hang') return new Promise((resolve) => setTimeout(() => resolve(new Response('late', { status: (entry.status = 503) })), 5000));
    // a portal that moved its feed: /redirect?to=<url> answers 302 to it
    if (path === '/redirect') return new Response(null, { status: (entry.status = 302), headers: { Location: url.searchParams.get('to') ?? '/' } });
    const status = /^\/status\/(\d{3})$/.exec(path);
    if (status) return new Response('Service Unavailable', { status: (entry.status = Number(status[1])) });
    if (path === '/huge.rss') {
      // 3 MiB of a valid-looking feed, streamed without Content-Length
      const chunk = new TextEncoder().encode(`<!-- ${'x'.repeat(64 * 1024)} -->\n`);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode('<?xml version="1.0"?>\n<rss version="2.0"><channel>')),
        pull: (controller) => (sent++ < 48 ? controller.enqueue(chunk) : controller.close()),
      });
      return new Response(body, { headers: { 'Content-Type': 'application/rss+xml' } });
    }
    let body = overrides.get(path);
    if (body === undefined) {
      try {
        body = readFileSync(join(dir, path.replace(/^\/+/, '').replace(/\.\./g, '')), 'utf8');
      } catch {
        return new Response('Not Found', { status: (entry.status = 404) });
      }
    }
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    const headers = {
      ETag: etag,
      'Last-Modified': LAST_MODIFIED,
      'Content-Type': path.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/xml; charset=utf-8',
    };
    if (request.headers.get('If-None-Match') === etag) return new Response(null, { status: (entry.status = 304), headers });
    return new Response(body, { headers });
  };
}
