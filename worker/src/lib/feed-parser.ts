// A tolerant reader of RSS 2.0, RSS 1.0 (RDF) and Atom as real portals send them: CDATA
// everywhere, whitespace around values, HTML (often entity-encoded twice) in descriptions,
// relative links, and dates in every shape — including NukeViet's, whose pubDate carries the
// month where the minutes belong (PHP's "H:m" for "H:i"). It keeps what parses and skips what
// does not; a document that is not a whole feed is a FeedError.

export interface FeedItem {
  /** guid / id, else the link */
  key: string;
  title: string;
  summary: string;
  url: string;
  image: { url: string; alt: string; width: number | null; height: number | null } | null;
  author: string | null;
  /** Unix seconds, or null when the item has no usable date */
  publishedAt: number | null;
  updatedAt: number | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  items: FeedItem[];
  /** items without a usable title or link */
  skipped: number;
}

export class FeedError extends Error {}

export const LIMITS = { title: 300, summary: 2000, author: 200, alt: 300, key: 512, url: 2048 };

// --- text ---------------------------------------------------------------------------------

// Latin-1 letters by their HTML names (Vietnamese text in old CMSs often arrives as &agrave; …),
// in code point order from U+00C0.
const LATIN1 =
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';
const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bull: '•', middot: '·',
  copy: '©', reg: '®', deg: '°', Dstrok: 'Đ', dstrok: 'đ',
};
LATIN1.split(' ').forEach((name, i) => (ENTITIES[name] = String.fromCharCode(0xc0 + i)));

const codePoint = (n: number) => (n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '');

/** Decodes character references: numeric ones and the named ones portals use. Unknown names stay as they are. */
export const decodeEntities = (text: string) =>
  text.replace(/&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([a-zA-Z]+\d*));?/g, (match, dec?: string, hex?: string, name?: string) =>
    dec ? codePoint(Number(dec)) : hex ? codePoint(parseInt(hex, 16)) : (ENTITIES[name!] ?? match),
  );

/** One line of plain text: no control characters, whitespace collapsed, at most `max` characters (cut at a word). */
export function cleanText(text: string, max: number): string {
  const flat = text.replace(/[\p{Cc}\p{Zs}\u2028\u2029\u200b\ufeff]+/gu, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max * 0.6 ? cut.lastIndexOf(' ') : cut.length).trimEnd()}…`;
}

/** The text of an HTML fragment: scripts and styles dropped, tags removed, entities decoded. */
export const htmlToText = (html: string) =>
  decodeEntities(
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      // a block or a line break separates words; an inline tag (<b>, <a>…) does not
      .replace(/<\/?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|figure|figcaption|img|hr)\b[^>]*>/gi, ' ')
      .replace(/<\/?[a-zA-Z][^>]*>/g, ''),
  );

// --- XML ---------------------------------------------------------------------------------

/** An XML document with its CDATA sections lifted out, so that markup inside them cannot confuse the element search. */
class Doc {
  private readonly cdata: string[] = [];
  readonly text: string;

  constructor(xml: string) {
    this.text = xml
      .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, content: string) => `\u0000${this.cdata.push(content) - 1}\u0000`)
      .replace(/<!--[\s\S]*?-->/g, '');
  }

  /** Element content as text: entities decoded outside CDATA, CDATA taken as it is. */
  value(raw: string): string {
    return raw
      .split(/\u0000(\d+)\u0000/)
      .map((part, i) => (i % 2 ? this.cdata[Number(part)]! : decodeEntities(part)))
      .join('');
  }
}

const escapeName = (name: string) => name.replace(/[.:]/g, (c) => `\\${c}`);

/** Every element named `name` in `xml`, as its attribute string and raw content (self-closing: empty). */
function elements(xml: string, name: string): { attrs: string; content: string }[] {
  const pattern = new RegExp(`<${escapeName(name)}(\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</${escapeName(name)}\\s*>)`, 'gi');
  return [...xml.matchAll(pattern)].map((match) => ({ attrs: match[1] ?? '', content: match[2] ?? '' }));
}

function attributes(attrs: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of attrs.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    result[match[1]!.toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return result;
}

/** The first of `names` that the block has with non-blank content, as text. */
function child(doc: Doc, block: string, ...names: string[]): string {
  for (const name of names) {
    for (const element of elements(block, name)) {
      const value = doc.value(element.content).trim();
      if (value) return value;
    }
  }
  return '';
}

/** An absolute http(s) URL for `value` relative to `base`, or null. */
export function absoluteUrl(value: string, base: string): string | null {
  try {
    const url = new URL(value.trim(), base);
    return /^https?:$/.test(url.protocol) && url.href.length <= LIMITS.url ? url.href : null;
  } catch {
    return null;
  }
}

const positive = (value: string | undefined) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= 20000 ? n : null;
};

// --- dates -------------------------------------------------------------------------------

interface DateParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  /** minutes east of UTC, or null when the text names no zone */
  offset: number | null;
  /** RFC 822 (the shape NukeViet gets wrong) */
  rfc822: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = { UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, ICT: 420 };

function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return null;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  return ZONES[zone.toUpperCase()] ?? null;
}

/** Splits a date as feeds write it into its parts; null when it has no recognisable shape. */
export function dateParts(text: string): DateParts | null {
  const t = text.trim();
  let m = /(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\s*([+-]\d{4}|[a-z]{1,5}\b)?/i.exec(t);
  if (m) {
    const mo = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    const year = Number(m[3]);
    if (!mo) return null;
    return { y: year < 100 ? year + (year < 70 ? 2000 : 1900) : year, mo, d: +m[1]!, h: +m[4]!, mi: +m[5]!, s: +(m[6] ?? 0), offset: zoneOffset(m[7]), rfc822: true };
  }
  m = /(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?/i.exec(t);
  if (m) return { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0), offset: zoneOffset(m[7]), rfc822: false };
  // Vietnamese portals: "19/04/2018 15:00", "Thứ năm - 19/04/2018 15:00", "15:00 19/04/2018"
  m = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\D{1,5}(\d{1,2})[:hg](\d{2}))?/.exec(t);
  if (m) {
    const before = /(\d{1,2})[:hg](\d{2})\D+$/.exec(t.slice(0, m.index));
    const [h, mi] = m[4] ? [m[4], m[5]] : before ? [before[1], before[2]] : ['0', '0'];
    return { y: +m[3]!, mo: +m[2]!, d: +m[1]!, h: +h!, mi: +mi!, s: 0, offset: null, rfc822: false };
  }
  return null;
}

/** Minutes east of UTC of `timeZone` at the instant `utcMs`. */
function offsetAt(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(utcMs);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Math.round((Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** Unix seconds for the parts, in `timeZone` when they name no zone; null when they are not a real time or out of range. */
export function toUnixSeconds(p: DateParts, timeZone: string, nowMs: number): number | null {
  if (p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > 31 || p.h > 23 || p.mi > 59 || p.s > 60) return null;
  const wall = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, Math.min(p.s, 59));
  if (new Date(wall).getUTCDate() !== p.d) return null; // 31 April and the like
  let utc = wall - (p.offset ?? offsetAt(wall, timeZone)) * 60_000;
  if (p.offset === null) utc = wall - offsetAt(utc, timeZone) * 60_000;
  // Before 1990 no portal published; more than a day ahead is a typo that would pin the item on top.
  if (utc < Date.UTC(1990, 0, 1) || utc > nowMs + 86_400_000) return null;
  return Math.floor(utc / 1000);
}

// --- feeds -------------------------------------------------------------------------------

interface RawItem extends Omit<FeedItem, 'publishedAt' | 'updatedAt'> {
  published: DateParts | null;
  updated: DateParts | null;
}

function firstImage(html: string, base: string): FeedItem['image'] {
  for (const match of html.matchAll(/<img\b([^>]*)>/gi)) {
    const attrs = attributes(match[1]!);
    const url = attrs.src ? absoluteUrl(attrs.src, base) : null;
    if (url) return { url, alt: cleanText(htmlToText(attrs.alt ?? ''), LIMITS.alt), width: positive(attrs.width), height: positive(attrs.height) };
  }
  return null;
}

function mediaImage(block: string, base: string): FeedItem['image'] {
  for (const name of ['media:thumbnail', 'media:content', 'enclosure']) {
    for (const { attrs } of elements(block, name)) {
      const a = attributes(attrs);
      const isImage = name === 'media:thumbnail' || /^image\//i.test(a.type ?? '') || a.medium === 'image';
      const url = isImage ? absoluteUrl(a.url ?? '', base) : null;
      if (url) return { url, alt: '', width: positive(a.width), height: positive(a.height) };
    }
  }
  return null;
}

/** "editor@portal.gov.vn (Nguyễn Văn A)" → "Nguyễn Văn A"; a bare address is not a name to show. */
function authorName(text: string): string | null {
  const name = /\(([^)]+)\)\s*$/.exec(text)?.[1] ?? text;
  const clean = cleanText(htmlToText(name), LIMITS.author);
  return clean && !/^\S+@\S+$/.test(clean) ? clean : null;
}

function atomLink(block: string, base: string): string | null {
  let fallback: string | null = null;
  for (const { attrs } of elements(block, 'link')) {
    const a = attributes(attrs);
    const url = a.href ? absoluteUrl(a.href, base) : null;
    if (!url) continue;
    if (!a.rel || a.rel === 'alternate') return url;
    fallback ??= a.rel === 'self' || a.rel === 'edit' ? null : url;
  }
  return fallback;
}

function readItem(doc: Doc, block: string, atom: boolean, base: string): RawItem | null {
  const linkText = child(doc, block, 'link');
  const url = (linkText && absoluteUrl(linkText, base)) || atomLink(block, base);
  const titleHtml = child(doc, block, 'title');
  const title = cleanText(htmlToText(decodeEntities(titleHtml)), LIMITS.title);
  if (!url || !title) return null;
  const guid = cleanText(child(doc, block, atom ? 'id' : 'guid'), LIMITS.key + 1);
  const key = guid && guid.length <= LIMITS.key ? guid : url.length <= LIMITS.key ? url : null;
  if (!key) return null;
  // Portals put HTML in the description, and often encode it once more: decode until it is HTML.
  let html = child(doc, block, 'description', 'summary', 'content:encoded', 'content');
  if (!/<[a-z]/i.test(html) && /&lt;[a-z/]/i.test(html)) html = decodeEntities(html);
  const authorBlock = elements(block, 'author')[0];
  const author = atom && authorBlock ? child(doc, authorBlock.content, 'name') : child(doc, block, 'dc:creator', 'author');
  const published = child(doc, block, 'pubDate', 'published', 'dc:date', 'issued');
  const updated = child(doc, block, 'updated', 'modified');
  return {
    key,
    title,
    summary: cleanText(htmlToText(html), LIMITS.summary),
    url,
    image: firstImage(html, url) ?? mediaImage(block, url),
    author: author ? authorName(author) : null,
    published: published ? dateParts(published) : null,
    updated: updated ? dateParts(updated) : null,
  };
}

/**
 * Parses a feed fetched from `feedUrl`. Dates without a zone are read in `timeZone`.
 * Throws FeedError when the text is not a complete RSS or Atom document.
 */
export function parseFeed(xml: string, feedUrl: string, timeZone: string, nowMs = Date.now()): ParsedFeed {
  const doc = new Doc(xml.replace(/^\ufeff/, ''));
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?(?:<\?[^>]*\?>\s*)*<(rss|feed|rdf:RDF)\b/i.exec(doc.text)?.[1];
  if (!root) throw new FeedError('Not an RSS or Atom feed (the document does not start with <rss>, <feed> or <rdf:RDF>).');
  if (!new RegExp(`</${escapeName(root)}\\s*>\\s*$`, 'i').test(doc.text)) {
    throw new FeedError(`The feed is cut off or malformed: it does not end with </${root}>.`);
  }
  const format = root.toLowerCase() === 'feed' ? 'atom' : root.toLowerCase() === 'rss' ? 'rss' : 'rdf';
  const atom = format === 'atom';
  // Relative links are relative to the site the channel names, else to the feed's own address.
  const head = doc.text.split(/<(?:item|entry)\b/i)[0]!;
  const channelLink = atom ? atomLink(head, feedUrl) : absoluteUrl(child(doc, head, 'link') || feedUrl, feedUrl);
  const base = channelLink ?? feedUrl;

  const raws: RawItem[] = [];
  let skipped = 0;
  for (const { content } of elements(doc.text, atom ? 'entry' : 'item')) {
    const item = readItem(doc, content, atom, base);
    if (item) raws.push(item);
    else skipped++;
  }

  // NukeViet writes pubDate with PHP's "H:m:s", so the "minutes" are the month. When every dated
  // item shows it (and the feed says it is NukeViet, or has enough items to tell), the minutes
  // are unknown: keep the date and the hour, and set the minutes to 0.
  const rfc = raws.map((item) => item.published).filter((p): p is DateParts => !!p && p.rfc822);
  const generator = child(doc, head, 'generator');
  const monthAsMinutes = rfc.length > 0 && rfc.every((p) => p.mi === p.mo) && (/nukeviet/i.test(generator) || rfc.length >= 3);
  if (monthAsMinutes) for (const p of rfc) p.mi = 0;

  const seconds = (p: DateParts | null) => (p ? toUnixSeconds(p, timeZone, nowMs) : null);
  const items = raws.map(({ published, updated, ...item }) => {
    const updatedAt = seconds(updated);
    return { ...item, publishedAt: seconds(published) ?? updatedAt, updatedAt };
  });
  return { format, items, skipped };
}
