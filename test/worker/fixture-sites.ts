// A local stand-in for the agencies' web servers that the link health check talks to, started
// in Node before the worker tests (vitest globalSetup): no test reaches the outside network.
//   /status/<code>       answers <code> to every method
//   /no-head             HEAD 405, GET 200 (servers that refuse HEAD)
//   /head-hangs          HEAD never answers, GET 200
//   /hang                never answers (a timeout)
//   /redirect            301 to /status/200
//   /switch/<name>       answers the status last PUT to /switch/<name> (200 at first)
//   /__log               the requests so far, as JSON [{method, path}] (a query string is kept
//                        in the log and ignored otherwise)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject) {
  const switches = new Map<string, number>();
  const log: { method: string; path: string }[] = [];
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    const path = url.split('?')[0]!;
    const method = request.method ?? 'GET';
    const end = (status: number, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
      response.end(method === 'HEAD' ? undefined : '<!doctype html><title>fixture</title>');
    };
    if (path === '/__log') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      return response.end(JSON.stringify(log));
    }
    log.push({ method, path: url });
    let match: RegExpExecArray | null;
    if ((match = /^\/status\/(\d{3})$/.exec(path))) return end(Number(match[1]));
    if (path === '/no-head') return end(method === 'HEAD' ? 405 : 200);
    if (path === '/head-hangs') return method === 'HEAD' ? undefined : end(200);
    if (path === '/hang') return; // the client's timeout ends it
    if (path === '/redirect') return end(301, { Location: '/status/200' });
    if ((match = /^\/switch\/([\w-]+)$/.exec(path))) {
      if (method === 'PUT') {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          switches.set(match![1]!, Number(body));
          end(204);
        });
        return;
      }
      return end(switches.get(match[1]!) ?? 200);
    }
    end(404);
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('fixtureOrigin', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
