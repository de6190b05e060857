// Throughput and latency of the main public endpoints under `wrangler dev` on 127.0.0.1, each as
// a ratio to a no-database endpoint (/api/v1/ping) measured in the same run: on a shared machine
// the absolute figures are noise, the ratios are not. Load is bounded in count and concurrency.
import { startTestWorker } from '../support/test-worker.mjs';

const REQUESTS = 1500;
const CONCURRENCY = 8;
const WARMUP = 100;

async function load(url) {
  const latencies = [];
  let next = 0;
  const worker = async (record) => {
    while (next < (record ? REQUESTS : WARMUP)) {
      next += 1;
      const started = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      if (record) latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(false)));
  next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(true)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { rps: REQUESTS / seconds, p50: at(0.5), p99: at(0.99) };
}

/** @param {Record<string, string>} endpoints name → path, the first being the baseline */
export async function throughput(endpoints) {
  const worker = await startTestWorker({ seedDemo: true });
  try {
    const results = {};
    for (const [name, path] of Object.entries(endpoints)) results[name] = await load(worker.origin + path);
    const [baseline] = Object.values(results);
    return {
      title: `Throughput under wrangler dev (${REQUESTS} requests, ${CONCURRENCY} at a time, after ${WARMUP} to warm up)`,
      columns: ['endpoint', 'req/s ÷ ping', 'p50 ÷ ping', 'p99 ÷ ping', 'req/s', 'p50 ms', 'p99 ms'],
      rows: Object.entries(results).map(([name, r]) => [
        name,
        (r.rps / baseline.rps).toFixed(2),
        (r.p50 / baseline.p50).toFixed(2),
        (r.p99 / baseline.p99).toFixed(2),
        Math.round(r.rps),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
      ]),
    };
  } finally {
    await worker.stop();
  }
}
