// worker/src/lib/feed-parser.ts on its own: the shapes of dates, text and markup real feeds send.
import { describe, expect, it } from 'vitest';
import { cleanText, dateParts, decodeEntities, FeedError, parseFeed, toUnixSeconds } from '../../worker/src/lib/feed-parser.js';

const NOW = Date.UTC(2026, 0, 1);
const seconds = (text: string, timeZone = 'Asia/Ho_Chi_Minh') => {
  const parts = dateParts(text);
  return parts ? toUnixSeconds(parts, timeZone, NOW) : null;
};
const at = (iso: string) => Date.parse(iso) / 1000;

describe('feed dates', () => {
  it('reads every shape portals write, in the site’s zone when the text names none', () => {
    expect(seconds('Thu, 19 Apr 2018 15:00:00 +0700')).toBe(at('2018-04-19T15:00:00+07:00'));
    expect(seconds('  19 Apr 2018 08:00 GMT ')).toBe(at('2018-04-19T08:00:00Z'));
    expect(seconds('Thu, 19 April 18 15:00:00 ICT')).toBe(at('2018-04-19T15:00:00+07:00'));
    expect(seconds('Thu, 19 Apr 2018 03:00:00 EST')).toBe(at('2018-04-19T08:00:00Z'));
    expect(seconds('Thu, 19 Apr 2018 15:00:00')).toBe(at('2018-04-19T15:00:00+07:00'));
    expect(seconds('2018-04-19T15:00:00+07:00')).toBe(at('2018-04-19T15:00:00+07:00'));
    expect(seconds('2018-04-19T08:00:00.123Z')).toBe(at('2018-04-19T08:00:00Z'));
    expect(seconds('2018-04-19 15:00')).toBe(at('2018-04-19T15:00:00+07:00'));
    expect(seconds('2018-04-19')).toBe(at('2018-04-19T00:00:00+07:00'));
    expect(seconds('19/04/2018 15:00')).toBe(at('2018-04-19T15:00:00+07:00'));
    expect(seconds('Thứ năm - 19/04/2018 15:00')).toBe(at('2018-04-19T15:00:00+07:00'));
    expect(seconds('15h00 19/04/2018')).toBe(at('2018-04-19T15:00:00+07:00'));
    expect(seconds('19-04-2018')).toBe(at('2018-04-19T00:00:00+07:00'));
    expect(seconds('19/04/2018 15:00', 'Europe/Paris')).toBe(at('2018-04-19T15:00:00+02:00'));
  });

  it('gives up on what is not a real time, or is out of range, without throwing', () => {
    for (const text of [
      '',
      'hôm qua',
      '31/04/2018',
      'Thu, 31 Feb 2018 10:00:00 GMT',
      '32/13/2018 25:61',
      '2018-04-19T25:00:00Z',
      '1 Foo 2018 10:00',
      '01/01/1980',
      '01/01/2099',
      '9999999999999999/1/2018',
    ]) {
      expect({ text, seconds: seconds(text) }).toEqual({ text, seconds: null });
    }
  });
});

describe('feed text', () => {
  it('decodes numeric and named character references, and leaves unknown ones', () => {
    expect(decodeEntities('H&#7907;p t&aacute;c x&#x00E3; &amp; &quot;ch&egrave;&quot; &Dstrok;&agrave;i &nbsp;&hellip; &bogus; &#0; &#xD800;')).toBe(
      'Hợp tác xã & "chè" Đài \u00a0… &bogus; \ufffd \ufffd',
    );
  });

  it('cuts long text at a word, and keeps short text whole', () => {
    expect(cleanText(' a\tb\u00a0\n c ', 10)).toBe('a b c');
    expect(cleanText('Liên minh Hợp tác xã tỉnh Thái Nguyên', 20)).toBe('Liên minh Hợp tác…');
  });
});

describe('parseFeed', () => {
  it('reads markup inside CDATA as text, never as the feed’s own elements', () => {
    const xml = `<rss><channel><item><title><![CDATA[Bài có </item> trong tiêu đề]]></title><link>https://p.test/a</link>
      <description><![CDATA[<p>Đoạn <b>một</b></p><p>Đoạn hai</p><item>]]></description></item></channel></rss>`;
    const { items } = parseFeed(xml, 'https://p.test/feed', 'Asia/Ho_Chi_Minh', NOW);
    expect(items).toHaveLength(1);
    // (a title is HTML to portals too: its tags are dropped, its text kept)
    expect(items[0]).toMatchObject({ title: 'Bài có trong tiêu đề', url: 'https://p.test/a', summary: 'Đoạn một Đoạn hai' });
  });

  it('keeps NukeViet’s minutes when they are real (they differ from the month)', () => {
    const xml = `<rss><channel><generator>NukeViet v4.0</generator>
      <item><title>A</title><link>https://p.test/a</link><pubDate>Thu, 19 Apr 2018 15:04:00 +0700</pubDate></item>
      <item><title>B</title><link>https://p.test/b</link><pubDate>Thu, 19 Apr 2018 15:37:00 +0700</pubDate></item></channel></rss>`;
    const { items } = parseFeed(xml, 'https://p.test/feed', 'Asia/Ho_Chi_Minh', NOW);
    expect(items.map((item) => item.publishedAt)).toEqual([at('2018-04-19T15:04:00+07:00'), at('2018-04-19T15:37:00+07:00')]);
  });

  it('reads RSS 1.0 (RDF) items and Atom links, preferring rel=alternate', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel><title>T</title><link>https://p.test/</link></channel>
      <item rdf:about="https://p.test/x"><title>X</title><link>https://p.test/x</link><dc:date>2018-04-19T08:00:00Z</dc:date></item></rdf:RDF>`;
    expect(parseFeed(rdf, 'https://p.test/rdf', 'UTC', NOW)).toMatchObject({
      format: 'rdf',
      items: [{ key: 'https://p.test/x', publishedAt: at('2018-04-19T08:00:00Z') }],
    });
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Y</title><id>y-1</id>
      <link rel="self" href="https://p.test/api/y"/><link rel="enclosure" href="https://p.test/y.pdf"/><link rel="alternate" href="https://p.test/y"/></entry></feed>`;
    expect(parseFeed(atom, 'https://p.test/atom', 'UTC', NOW).items[0]).toMatchObject({ key: 'y-1', url: 'https://p.test/y', publishedAt: null });
  });

  it('throws a FeedError for what is not a whole feed', () => {
    for (const text of ['', '<html><body>Lỗi</body></html>', '<rss><channel><item><title>A</title>', '{"items":[]}']) {
      expect(() => parseFeed(text, 'https://p.test/feed', 'UTC', NOW)).toThrow(FeedError);
    }
  });
});
