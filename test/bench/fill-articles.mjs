// SQL that fills a site with `count` published articles in one statement (for the worker's query
// tests; the benchmark writes its articles through the worker instead: write-articles.mjs) (the full-text index
// follows through the table's triggers), for measuring what reads cost at scale. Articles are ten
// minutes apart, newest at `newest` (Unix seconds), spread over `categoryIds` round-robin, with
// Vietnamese titles drawn from a few realistic headlines so that searches have many hits.
export const HEADLINES = [
  'Hợp tác xã chè Tân Cương mở rộng vùng nguyên liệu',
  'Đại hội đại biểu Đảng bộ xã nhiệm kỳ mới',
  'Xây dựng nông thôn mới ở các xã vùng cao',
  'Giá lúa vụ xuân tăng nhẹ',
  'Đường giao thông liên xã hoàn thành đúng hạn',
  'Tập huấn kỹ năng quản lý cho cán bộ HTX',
  'Lịch tiếp công dân của lãnh đạo huyện',
  'Phát triển du lịch cộng đồng hồ Núi Cốc',
];

/** @param {{ siteId: number, count: number, newest?: number, categoryIds?: number[], prefix?: string }} options */
export function fillArticlesSql({ siteId, count, newest = 1_700_000_000, categoryIds = [], prefix = 'bench' }) {
  const headlines = JSON.stringify(HEADLINES).replaceAll("'", "''");
  const categories = JSON.stringify(categoryIds);
  const time = `(${newest} - (i - 1) * 600)`;
  return `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
INSERT INTO articles (id, site_id, external_key, title, summary, url, category_id, published_at, updated_at)
SELECT ${time} * 1048576 + ${siteId}, ${siteId}, '${prefix}-' || i,
  json_extract('${headlines}', '$[' || (i % ${HEADLINES.length}) || ']') || ' (số ' || i || ')',
  'Tin số ' || i || ' của trang thử tải.',
  'https://bench.example.gov.vn/tin-tuc/${prefix}-' || i || '.html',
  ${categoryIds.length ? `json_extract('${categories}', '$[' || (i % ${categoryIds.length}) || ']')` : 'NULL'},
  ${time}, ${time}
FROM n;`;
}
