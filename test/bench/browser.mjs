// In Chromium, against the local API: the time from the widget script's request to each
// element's first content, and the layout shift while the widgets hydrate on the demo pages.
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { startTestWorker } from '../support/test-worker.mjs';

const RUNS = 5;

/** @param {{ page: string, tag: string }[]} widgets one demo page per element to time */
export async function browserTimings(widgets) {
  const worker = await startTestWorker({ seedDemo: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const rows = [];
    for (const { page: path, tag } of widgets) {
      for (const width of [390, 1366]) {
        const times = [];
        let shift = 0;
        for (let run = 0; run < RUNS; run++) {
          const page = await browser.newPage({ viewport: { width, height: 6000 } });
          await page.addInitScript(() => {
            window.__shift = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
            }).observe({ type: 'layout-shift', buffered: true });
          });
          await page.goto(worker.origin + path);
          await page.locator(`${tag} [aria-busy=false]`).first().waitFor();
          const result = await page.evaluate(() => {
            const script = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/civic-widgets.js'));
            return { sinceScript: performance.now() - (script?.startTime ?? 0), shift: window.__shift };
          });
          times.push(result.sinceScript);
          shift = Math.max(shift, result.shift);
          await page.close();
        }
        times.sort((a, b) => a - b);
        rows.push([`${tag} on ${path}`, `${width} px`, times[Math.floor(RUNS / 2)].toFixed(0), shift.toFixed(4)]);
      }
    }
    return {
      title: `In Chromium against the local API (median of ${RUNS} loads; layout shift: the worst of them)`,
      columns: ['element', 'viewport', 'script request → first content, ms', 'cumulative layout shift'],
      rows,
    };
  } finally {
    await browser.close();
    await worker.stop();
  }
}
