// A link directory imported from the CSV a webmaster's spreadsheet writes, wherever it was saved:
// Excel in a Vietnamese locale separates with ";", "Unicode text" with tabs, "CSV UTF-8" starts
// with a byte-order mark. What D1 then holds is read back through the export.
import { describe, expect, it } from 'vitest';
import type { DirectoryExport } from '@civic-widgets/contract';
import { detectDelimiter, parseCsv, toCsv } from '../../worker/src/lib/csv.js';
import { adminCall, api, bearer, createSite, errorJson, rows, type TestSite } from './helpers.js';

const BOM = '\uFEFF';

/** Uploads the file's bytes as they are (a string is sent as UTF-8). */
function importCsv(site: TestSite, body: string | Uint8Array) {
  return api(`/api/v1/sites/${site.slug}/links/import`, {
    method: 'POST',
    headers: { ...bearer(site.token), 'Content-Type': 'text/csv; charset=utf-8' },
    body,
  });
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
  {
    slug: 'huyen',
    title: 'Huyện, thành phố',
    links: [{ title: 'Huyện Đại Từ', url: 'https://daitu.thainguyen.gov.vn/', description: 'Trang của huyện "Đại Từ"' }],
  },
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
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('category;category_title;title;url\r\nhuyen;Huy'),
      0xea,
      0xf2,
      0x6e,
      0x3b,
      0xd0,
      0x61,
      0x3b,
      0x78,
      0x3b,
      0x68,
      0x74,
      0x74,
      0x70,
      0x73,
      0x3a,
      0x2f,
      0x2f,
      0x78,
      0x2e,
      0x76,
      0x6e,
      0x2f,
      0x0d,
      0x0a,
    ]);
    const response = await importCsv(site, bytes);
    expect(response.status).toBe(400);
    const { error } = await errorJson(response);
    expect(error.message).toBe('The CSV is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8".');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['rows.2']);
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

/** What D1 holds of a site's directory: its categories and links as stored, in a stable order. */
async function stored(site: TestSite) {
  return {
    categories: await rows('SELECT slug, title, weight FROM link_categories WHERE site_id = ?1 ORDER BY slug', site.id),
    links: await rows(
      'SELECT c.slug AS category, l.title, l.url, l.description, l.logo_url, l.weight FROM links l JOIN link_categories c ON c.id = l.category_id WHERE l.site_id = ?1 ORDER BY l.url',
      site.id,
    ),
  };
}

const HEADER = 'category,category_title,title,url\r\n';
const GOOD_ROW = 'tinh,Tỉnh Thái Nguyên,Cổng thông tin điện tử tỉnh,https://thainguyen.gov.vn/\r\n';
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('refusing hostile CSV files: a 400 that names the line, and nothing written', () => {
  type Case = { name: string; body: string | Uint8Array; message: string; issues: { path: string; message: string }[] };
  const malformed = (name: string, body: string | Uint8Array, path: string, message: string): Case => ({
    name,
    body,
    message: 'The CSV is malformed.',
    issues: [{ path, message }],
  });
  /** Text, then bytes that are not UTF-8 (the `near`-th of them named), then text. */
  const notUtf8 = (name: string, before: string, bytes: number[], after: string, path: string, near: number): Case => ({
    name,
    body: new Uint8Array([...utf8(before), ...bytes, ...utf8(after)]),
    message: 'The CSV is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8".',
    issues: [{ path, message: `not UTF-8 near byte ${utf8(before).length + near}` }],
  });
  // a good row comes first in each file, so that a partial write would show in D1
  const hostile: Case[] = [
    malformed(
      'a quote never closed',
      HEADER + GOOD_ROW + 'huyen,Huyện,"Huyện Đại Từ,https://daitu.thainguyen.gov.vn/\r\nhuyen,Huyện,Huyện Phú Lương,https://phuluong.thainguyen.gov.vn/\r\n',
      'rows.3',
      'a quoted field is not closed',
    ),
    malformed(
      'a quoted cell with text after its closing quote',
      HEADER + GOOD_ROW + 'huyen,Huyện,"Huyện" Đại Từ,https://daitu.thainguyen.gov.vn/\r\n',
      'rows.3',
      'a quoted field must end at a "," or a line break',
    ),
    malformed(
      'a row with more cells than the header, after a blank line',
      HEADER + GOOD_ROW + '\r\nhuyen,Huyện,Huyện Đại Từ,https://daitu.thainguyen.gov.vn/,thừa\r\n',
      'rows.4',
      'the row has 5 cells where the header has 4',
    ),
    // a short row's missing cells are empty: a required one is then named
    {
      name: 'a row with fewer cells than the header, its URL left off',
      body: HEADER + GOOD_ROW + 'huyen,Huyện,Huyện Đại Từ\r\n',
      message: 'Invalid directory file: "rows.3.url": an absolute http(s) URL such as https://thainguyen.gov.vn, without user:password@.',
      issues: [{ path: 'rows.3.url', message: 'an absolute http(s) URL such as https://thainguyen.gov.vn, without user:password@' }],
    },
    {
      name: 'a short row after mixed line endings (LF, then a lone CR), counted as the lines they are',
      body: 'category,category_title,title,url\n' + GOOD_ROW + 'huyen,Huyện,Huyện Đại Từ,https://daitu.thainguyen.gov.vn/\rhuyen,Huyện,\n',
      message:
        'Invalid directory file: "rows.4.title": Too small: expected string to have >=1 characters; "rows.4.url": an absolute http(s) URL such as https://thainguyen.gov.vn, without user:password@.',
      issues: [
        { path: 'rows.4.title', message: 'Too small: expected string to have >=1 characters' },
        { path: 'rows.4.url', message: 'an absolute http(s) URL such as https://thainguyen.gov.vn, without user:password@' },
      ],
    },
    malformed(
      'a NUL character',
      HEADER + GOOD_ROW + 'huyen,Huyện,Huyện\0Đại Từ,https://daitu.thainguyen.gov.vn/\r\n',
      'rows.3',
      'a NUL character is no text: save the file from the spreadsheet as "CSV UTF-8"',
    ),
    malformed(
      'UTF-16 text read as bytes (every other byte NUL)',
      new Uint8Array([...HEADER].flatMap((char) => [char.charCodeAt(0), 0])),
      'rows.1',
      'a NUL character is no text: save the file from the spreadsheet as "CSV UTF-8"',
    ),
    notUtf8('a byte that is not UTF-8 on the third line', HEADER + GOOD_ROW + 'huyen,Huy', [0x80], 'n,X,https://x.gov.vn/\r\n', 'rows.3', 1),
    notUtf8('a UTF-8 character cut off at the end of the file', HEADER + GOOD_ROW + 'huyen,Huyện,Huy', [0xe1, 0xbb], '', 'rows.3', 2),
    {
      name: 'a file of only a byte-order mark',
      body: BOM,
      message: 'The CSV header must name the columns category,category_title,category_weight,title,url,description,logo,weight,hits,health,checked_at.',
      issues: ['category', 'category_title', 'title', 'url'].map((name) => ({ path: 'header', message: `the column "${name}" is missing` })),
    },
  ];

  it.each(hostile)('$name', async ({ body, message, issues }) => {
    const site = await createSite();
    const response = await importCsv(site, body);
    expect(response.status).toBe(400);
    const { error } = await errorJson(response);
    expect(error.message).toBe(message);
    expect(error.issues).toEqual(issues);
    expect(await stored(site)).toEqual({ categories: [], links: [] });
  });

  it('points a 400 KiB cell, under the body limit, at its row and column', async () => {
    const site = await createSite();
    const response = await importCsv(site, HEADER + GOOD_ROW + `huyen,Huyện,"${'Đ'.repeat(200 * 1024)}",https://daitu.thainguyen.gov.vn/\r\n`);
    expect(response.status).toBe(400);
    expect((await errorJson(response)).error.issues?.map((issue) => issue.path)).toEqual(['rows.3.title']);
    expect(await stored(site)).toEqual({ categories: [], links: [] });
  });

  it('answers a 1 MiB single cell with the body limit (413), and writes nothing', async () => {
    const site = await createSite();
    const response = await importCsv(site, HEADER + GOOD_ROW + `huyen,Huyện,"${'x'.repeat(1024 * 1024)}",https://daitu.thainguyen.gov.vn/\r\n`);
    expect(response.status).toBe(413);
    expect((await errorJson(response)).error.message).toBe('The body may be at most 524288 bytes.');
    expect(await stored(site)).toEqual({ categories: [], links: [] });
  });

  it('names a bad cell by the line its row starts on, blank lines and line breaks in cells counted', async () => {
    const site = await createSite();
    const response = await importCsv(
      site,
      'category,category_title,title,url,description\r\n' +
        '\r\n' +
        'tinh,Tỉnh Thái Nguyên,Cổng tỉnh,https://thainguyen.gov.vn/,"Dòng một\r\nDòng hai"\r\n' +
        'huyen,Huyện,Huyện Đại Từ,không phải địa chỉ,\r\n',
    );
    expect(response.status).toBe(400);
    expect((await errorJson(response)).error.issues?.map((issue) => issue.path)).toEqual(['rows.5.url']);
    expect(await stored(site)).toEqual({ categories: [], links: [] });
  });

  it('reads the empty cells a spreadsheet leaves after the last column as nothing', async () => {
    const site = await createSite();
    const response = await importCsv(site, HEADER + 'tinh,Tỉnh Thái Nguyên,Cổng tỉnh,https://thainguyen.gov.vn/,,\r\n');
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await stored(site)).links).toEqual([
      { category: 'tinh', title: 'Cổng tỉnh', url: 'https://thainguyen.gov.vn/', description: '', logo_url: null, weight: 0 },
    ]);
  });

  it('reads a row whose empty last cells were left off as empty cells', async () => {
    const site = await createSite();
    const response = await importCsv(
      site,
      'category,category_title,title,url,description,logo,weight\r\n' +
        'tinh,Tỉnh Thái Nguyên,Cổng tỉnh,https://thainguyen.gov.vn/,Cổng thông tin,,2\r\n' +
        'huyen,Huyện,Huyện Đại Từ,https://daitu.thainguyen.gov.vn/\r\n',
    );
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await stored(site)).links).toEqual([
      { category: 'huyen', title: 'Huyện Đại Từ', url: 'https://daitu.thainguyen.gov.vn/', description: '', logo_url: null, weight: 0 },
      { category: 'tinh', title: 'Cổng tỉnh', url: 'https://thainguyen.gov.vn/', description: 'Cổng thông tin', logo_url: null, weight: 2 },
    ]);
  });

  it('reads mixed line endings (CRLF, LF, a lone CR) as the rows they end', async () => {
    const site = await createSite();
    const response = await importCsv(
      site,
      'category,category_title,title,url,description\r\n' +
        'tinh,Tỉnh Thái Nguyên,Cổng tỉnh,https://thainguyen.gov.vn/,"Dòng một\r\nDòng hai"\n' +
        'huyen,Huyện,Huyện Đại Từ,https://daitu.thainguyen.gov.vn/,\r' +
        'huyen,Huyện,Huyện Phú Lương,https://phuluong.thainguyen.gov.vn/,\r\n',
    );
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await stored(site)).links).toEqual([
      { category: 'huyen', title: 'Huyện Đại Từ', url: 'https://daitu.thainguyen.gov.vn/', description: '', logo_url: null, weight: 0 },
      { category: 'huyen', title: 'Huyện Phú Lương', url: 'https://phuluong.thainguyen.gov.vn/', description: '', logo_url: null, weight: 0 },
      { category: 'tinh', title: 'Cổng tỉnh', url: 'https://thainguyen.gov.vn/', description: 'Dòng một\nDòng hai', logo_url: null, weight: 0 },
    ]);
  });
});

describe('a directory exported as CSV and imported again', () => {
  it('gives back what D1 held: Vietnamese, commas, quotes, line breaks and formula-like cells', async () => {
    const source = await createSite();
    const file = {
      categories: [
        {
          slug: 'bo-nganh',
          title: '=Bộ, ngành "Trung ương"',
          weight: -3,
          links: [
            {
              title: 'Bộ Tài chính; "Ngân sách"',
              url: 'https://mof.gov.vn/',
              description: 'Dòng một\nDòng hai, có dấu phẩy',
              logo: 'https://mof.gov.vn/logo.png',
              weight: -1,
            },
            { title: '=HYPERLINK("https://evil.test","Bấm")', url: 'https://mic.gov.vn/', description: '@SUM(1+1)', logo: null, weight: 0 },
            { title: '+84 208 3855 123', url: 'https://moet.gov.vn/', description: '-bắt đầu bằng gạch', logo: null, weight: 2 },
            { title: "'=1+1 (đã có nháy)", url: 'https://moh.gov.vn/', description: "''@hai nháy", logo: null, weight: 3 },
          ],
        },
        {
          slug: 'huyen',
          title: 'Huyện, thành phố',
          weight: 1,
          links: [{ title: 'Huyện Đại Từ', url: 'https://daitu.thainguyen.gov.vn/', description: '', logo: null, weight: 0 }],
        },
      ],
    };
    expect((await adminCall(source, 'POST', '/links/import', file)).status).toBe(200);
    const exported = await adminCall(source, 'GET', '/links/export?format=csv');
    expect(exported.status).toBe(200);
    const csv = await exported.text();
    // each formula-like cell sits behind an apostrophe, so no cell starts a formula (a number such as -3 is none)
    expect(csv).toContain(`"'=Bộ, ngành ""Trung ương"""`);
    expect(csv).toContain(`"'+84 208 3855 123"`);
    expect(csv).toContain(`"'''@hai nháy"`);
    expect(csv).toContain(',-3,');
    expect(csv).not.toMatch(/(^|,)"?([=+@]|-\D)/m);

    const copy = await createSite();
    const imported = await importCsv(copy, csv);
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect(await stored(copy)).toEqual(await stored(source));
    expect((await stored(copy)).links.map((link) => link.title)).toEqual([
      'Huyện Đại Từ',
      '=HYPERLINK("https://evil.test","Bấm")',
      '+84 208 3855 123',
      'Bộ Tài chính; "Ngân sách"',
      "'=1+1 (đã có nháy)",
    ]);
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

  it('takes one apostrophe off a cell written behind one, tabs and line breaks included', () => {
    const cells = ['=1+1', '\tthụt lề', '\rđầu dòng', "'-2", 'a "b", c\nd', ''];
    const csv = toCsv([['x', 'y', 'z', 'v', 'w', 'u'], cells]);
    expect(csv).toBe(`${BOM}x,y,z,v,w,u\r\n"'=1+1","'\tthụt lề","'\rđầu dòng","''-2","a ""b"", c\nd",\r\n`);
    // a CR inside a cell is read as the line break it is (LF), as descriptions store it
    expect(parseCsv(csv)[1]).toEqual(['=1+1', '\tthụt lề', '\nđầu dòng', "'-2", 'a "b", c\nd', '']);
    expect(parseCsv("a\tb\n''=x\t'@y\n")[1]).toEqual(["'=x", '@y']);
    // a cell Excel would split on ";" (a Vietnamese locale's separator) is quoted, so no part of it starts a formula
    expect(toCsv([['t'], ['Sở;=1+1']])).toBe(`${BOM}t\r\n"Sở;=1+1"\r\n`);
    // an apostrophe before a line break comes back too
    expect(parseCsv(toCsv([['d'], ["'\nabc"]]))[1]).toEqual(["'\nabc"]);
  });
});
