// A link directory imported from the CSV a webmaster's spreadsheet writes, wherever it was saved:
// Excel in a Vietnamese locale separates with ";", "Unicode text" with tabs, "CSV UTF-8" starts
// with a byte-order mark. What D1 then holds is read back through the export.
import { describe, expect, it } from 'vitest';
import type { DirectoryExport } from '@civic-widgets/contract';
import { detectDelimiter, parseCsv } from '../../worker/src/lib/csv.js';
import { adminCall, api, bearer, createSite, errorJson, rows, type TestSite } from './helpers.js';

const BOM = '\uFEFF';

/** Uploads the file's bytes as they are (a string is sent as UTF-8). */
function importCsv(site: TestSite, body: string | Uint8Array) {
  return api(`/api/v1/sites/${site.slug}/links/import`, { method: 'POST', headers: { ...bearer(site.token), 'Content-Type': 'text/csv; charset=utf-8' }, body });
}

/** The directory as the site's readers get it: category, then each link's title and URL. */
async function directory(site: TestSite) {
  const response = await adminCall(site, 'GET', '/links/export');
  expect(response.status).toBe(200);
  const file = await response.json<DirectoryExport>();
  return file.categories.map(({ slug, title, links }) => ({ slug, title, links: links.map(({ title, url, description }) => ({ title, url, description })) }));
}

const expected = [
  {
    slug: 'bo-nganh',
    title: 'Bộ, ngành; Trung ương',
    links: [
      { title: 'Bộ Tài chính', url: 'https://mof.gov.vn/', description: 'Tài chính; ngân sách, thuế' },
      { title: 'Bộ Thông tin và Truyền thông', url: 'https://mic.gov.vn/', description: '' },
    ],
  },
  { slug: 'huyen', title: 'Huyện, thành phố', links: [{ title: 'Huyện Đại Từ', url: 'https://daitu.thainguyen.gov.vn/', description: 'Trang của huyện "Đại Từ"' }] },
];

describe('importing a spreadsheet CSV', () => {
  it('reads the ";"-separated file Excel writes in a Vietnamese locale, byte-order mark and all', async () => {
    const site = await createSite();
    const csv =
      BOM +
      'category;category_title;title;url;description\r\n' +
      'bo-nganh;"Bộ, ngành; Trung ương";Bộ Tài chính;https://mof.gov.vn/;"Tài chính; ngân sách, thuế"\r\n' +
      'bo-nganh;"Bộ, ngành; Trung ương";Bộ Thông tin và Truyền thông;https://mic.gov.vn/;\r\n' +
      'huyen;Huyện, thành phố;Huyện Đại Từ;https://daitu.thainguyen.gov.vn/;"Trang của huyện ""Đại Từ"""\r\n';
    const response = await importCsv(site, new TextEncoder().encode(csv));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ categories: 2, links: 3, removed: { categories: 0, links: 0 } });
    expect(await directory(site)).toEqual(expected);
  });

  it('reads a tab-separated file', async () => {
    const site = await createSite();
    const csv =
      'category\tcategory_title\ttitle\turl\tdescription\n' +
      'bo-nganh\tBộ, ngành; Trung ương\tBộ Tài chính\thttps://mof.gov.vn/\tTài chính; ngân sách, thuế\n' +
      'bo-nganh\tBộ, ngành; Trung ương\tBộ Thông tin và Truyền thông\thttps://mic.gov.vn/\t\n' +
      'huyen\tHuyện, thành phố\tHuyện Đại Từ\thttps://daitu.thainguyen.gov.vn/\t"Trang của huyện ""Đại Từ"""\n';
    const response = await importCsv(site, csv);
    expect(response.status).toBe(200);
    expect(await directory(site)).toEqual(expected);
  });

  it('still reads a comma-separated file whose cells hold semicolons', async () => {
    const site = await createSite();
    const csv =
      BOM +
      'category,category_title,title,url,description\r\n' +
      'bo-nganh,"Bộ, ngành; Trung ương",Bộ Tài chính,https://mof.gov.vn/,"Tài chính; ngân sách, thuế"\r\n' +
      'bo-nganh,"Bộ, ngành; Trung ương",Bộ Thông tin và Truyền thông,https://mic.gov.vn/,\r\n' +
      'huyen,"Huyện, thành phố",Huyện Đại Từ,https://daitu.thainguyen.gov.vn/,"Trang của huyện ""Đại Từ"""\r\n';
    expect((await importCsv(site, csv)).status).toBe(200);
    expect(await directory(site)).toEqual(expected);
  });

  it('refuses a file saved in a legacy code page by naming the encoding, and writes nothing', async () => {
    const site = await createSite();
    // "Huyện Đại Từ" as Windows-1258 bytes: Đ is 0xD0, and ệ, ạ, ừ are not single bytes there
    const bytes = new Uint8Array([...new TextEncoder().encode('category;category_title;title;url\r\nhuyen;Huy'), 0xea, 0xf2, 0x6e, 0x3b, 0xd0, 0x61, 0x3b, 0x78, 0x3b, 0x68, 0x74, 0x74, 0x70, 0x73, 0x3a, 0x2f, 0x2f, 0x78, 0x2e, 0x76, 0x6e, 0x2f, 0x0d, 0x0a]);
    const response = await importCsv(site, bytes);
    expect(response.status).toBe(400);
    const { error } = await errorJson(response);
    expect(error.message).toBe('The CSV is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8".');
    expect(await rows('SELECT * FROM links WHERE site_id = ?1', site.id)).toEqual([]);
  });

  it('points a bad cell of a ";" file at its row and column', async () => {
    const site = await createSite();
    const response = await importCsv(site, 'category;category_title;title;url\r\na;A;Tốt;https://x.gov.vn/\r\na;A;Xấu;javascript:alert(1)\r\n');
    expect(response.status).toBe(400);
    const { error } = await errorJson(response);
    expect(error.issues?.map((issue) => issue.path)).toEqual(['rows.3.url']);
    expect(error.message).toContain('"rows.3.url"');
    expect(await rows('SELECT * FROM links WHERE site_id = ?1', site.id)).toEqual([]);
  });
});

describe('parseCsv', () => {
  it('takes the separator from the header line, not from the cells below it', () => {
    expect(detectDelimiter('a;b;c\r\n1,2,3,4,5\r\n')).toBe(';');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(detectDelimiter(`${BOM}a\tb\n`)).toBe('\t');
    expect(detectDelimiter('title\n')).toBe(',');
  });

  it('splits on the detected separator only, and drops the byte-order mark', () => {
    expect(parseCsv(`${BOM}a;b\r\n"x;y";1,5\r\n`)).toEqual([
      ['a', 'b'],
      ['x;y', '1,5'],
    ]);
    expect(parseCsv('a\tb\nx, y\t"z"\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'z'],
    ]);
  });

  it('names the separator a quoted field must end at', () => {
    expect(() => parseCsv('a;b\n"x"y;z\n')).toThrow('a quoted field must end at a ";" or a line break');
  });
});
