// How long the worker's feed reader (worker/src/lib/feed-parser.ts) takes on a normal feed and on
// hostile bodies: CPU time a Cron run pays per feed. Run in Node on the worker's own module.
import { join } from 'node:path';
import { root } from '../../worker/scripts/wrangler.mjs';
import { importWorkerModule } from '../../worker/scripts/worker-modules.mjs';

const MiB = 1024 * 1024;

/** A NukeViet-style feed of `count` items: CDATA, HTML descriptions with an image, RFC 822 dates. */
function normalFeed(count) {
  const items = Array.from({ length: count }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    return `<item>
  <title><![CDATA[Hội nghị tổng kết công tác năm của Liên minh Hợp tác xã tỉnh Thái Nguyên số ${i}]]></title>
  <link><![CDATA[/tin-tuc/hoat-dong-lien-minh/hoi-nghi-tong-ket-${i}.html]]></link>
  <guid isPermaLink="false"><![CDATA[news-${i}]]></guid>
  <description><![CDATA[<img src="/uploads/news/2018_04/anh-${i}.jpg" width="100" alt="Đồng chí Chủ tịch phát biểu tại hội nghị" /><p><strong>Sáng ${day}/04</strong>, Liên minh HTX tỉnh tổ chức hội nghị tổng kết&nbsp;công tác năm 2017 &amp; triển khai nhiệm vụ năm 2018 với sự tham dự của đại biểu các sở, ngành.</p>]]></description>
  <pubDate><![CDATA[Thu, ${day} Apr 2018 15:04:00 +0700]]></pubDate>
</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title><![CDATA[Tin tức]]></title><link>https://htx.example.gov.vn/tin-tuc/</link>
<generator><![CDATA[Nukeviet Version 4.3]]></generator>
${items.join('\n')}
</channel></rss>`;
}

/** The median of `runs` timings of `run`, in milliseconds, and what the last run gave. */
function median(run, runs) {
  const times = [];
  let outcome;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    try {
      outcome = `${run().items.length} items`;
    } catch (error) {
      outcome = `refused (${error.constructor.name}: ${error.message.slice(0, 60)})`;
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], outcome };
}

export async function feedParse() {
  const { parseFeed } = await importWorkerModule(join(root, 'worker/src/lib/feed-parser.ts'));
  const parse = (text) => () => parseFeed(text, 'https://htx.example.gov.vn/feeds/', 'Asia/Ho_Chi_Minh');
  const largest = Math.floor((2 * MiB - 300) / (normalFeed(2).length - normalFeed(1).length));
  const cases = [
    ['normal feed, 200 items', normalFeed(200)],
    ['hostile: 2 MiB of "<!--"', '<!--'.repeat(MiB / 2)],
    ['hostile: "<rss>" + 2 MiB of "<!--" + "</rss>"', `<rss>${'<!--'.repeat(MiB / 2)}</rss>`],
    ['hostile: 60,000 unclosed <item>', `<rss version="2.0"><channel>${'<item><title>Tin</title>'.repeat(60_000)}</channel></rss>`],
    ['large: 1,000 items', normalFeed(1000)],
    [`about the largest body accepted: 2 MiB of items (${largest.toLocaleString('en')})`, normalFeed(largest)],
    ['hostile: 2 MiB of tiny elements', `<rss version="2.0"><channel>${'<b/>'.repeat(MiB / 2 - 10)}</channel></rss>`],
  ];
  for (const [, text] of cases) median(parse(text), 1); // warm up: the first run compiles the parser
  const rows = cases.map(([what, text]) => {
    const { ms, outcome } = median(parse(text), 7);
    return [what, `${(text.length / 1024).toFixed(0)} KiB`, ms.toFixed(1), outcome];
  });
  return { title: 'Feed reader: parse time per feed (median of 7 runs, Node, one core)', columns: ['body', 'size', 'ms', 'outcome'], rows };
}
