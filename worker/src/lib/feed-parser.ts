// A tolerant reader of RSS 2.0, RSS 1.0 (RDF) and Atom as real portals send them: CDATA
// everywhere, whitespace around values, HTML (often entity-encoded twice) in descriptions,
// relative links, and dates in every shape — including NukeViet's, whose pubDate carries the
// month where the minutes belong (PHP's "H:m" for "H:i"). It keeps what parses and skips what
// does not; a document that is not a whole feed is a FeedError.
//
// The XML is read by fast-xml-parser and character references by `entities` (both maintained,
// both linear in the input); what is left here is the portals' quirks. Every step is linear or
// bounded: a hostile body costs milliseconds, not the Cron run's CPU time.

import { decodeHTML } from 'entities';
import { XMLParser } from 'fast-xml-parser';
import { ItemKey, normalizeItemKey } from '@civic-widgets/contract';

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

/**
 * Decodes character references as a browser does: numeric ones and every HTML5 name (`&abreve;`,
 * `&Dstrok;`, `&agrave;` …, through the maintained `entities` tables). Unknown names stay as they are.
 */
export const decodeEntities = (text: string) => (text.includes('&') ? decodeHTML(text) : text);

/** One line of plain text: no control characters, whitespace collapsed, at most `max` characters (cut at a word). */
export function cleanText(text: string, max: number): string {
  // U+FFFD is what a broken reference (&#0;, a lone surrogate) decodes to: nothing a reader should see
  const flat = text.replace(/[\p{Cc}\p{Zs}\u2028\u2029\u200b\ufeff\ufffd]+/gu, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max * 0.6 ? cut.lastIndexOf(' ') : cut.length).trimEnd()}…`;
}

/** HTML read for a summary, at most: the summary keeps 2,000 characters, and this bounds the work on a hostile one. */
const MAX_HTML = 64 * 1024;
// a block or a line break separates words; an inline tag (<b>, <a>…) does not
const BLOCK = /^\/?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|figure|figcaption|img|hr)\b/i;

/**
 * The text of an HTML fragment: scripts, styles and comments dropped, tags removed, entities
 * decoded. One pass from left to right (each search starts where the last one ended, and an
 * unclosed tag, comment or script ends the text), so its time is linear in the input.
 */
export function htmlToText(html: string): string {
  const source = html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html;
  const lower = source.toLowerCase();
  let out = '';
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('<', at);
    if (open < 0) {
      out += source.slice(at);
      break;
    }
    out += source.slice(at, open);
    const next = source[open + 1] ?? '';
    if (!/[a-zA-Z!/?]/.test(next)) {
      out += '<';
      at = open + 1;
      continue;
    }
    if (source.startsWith('<!--', open)) {
      const close = source.indexOf('-->', open + 4);
      if (close < 0) break;
      out += ' ';
      at = close + 3;
      continue;
    }
    const end = source.indexOf('>', open);
    if (end < 0) break;
    const tag = source.slice(open + 1, end);
    const raw = /^(script|style)\b/i.exec(tag)?.[1];
    if (raw) {
      const close = lower.indexOf(`</${raw.toLowerCase()}`, end);
      if (close < 0) break;
      const closeEnd = source.indexOf('>', close);
      if (closeEnd < 0) break;
      out += ' ';
      at = closeEnd + 1;
      continue;
    }
    if (BLOCK.test(tag)) out += ' ';
    at = end + 1;
  }
  return decodeEntities(out);
}

// --- XML ---------------------------------------------------------------------------------

/** One element of the document: its (lower-case) name, attributes, and parsed content. */
interface El {
  name: string;
  attrs: Record<string, string>;
  /** the parser's nodes of its content, turned into children only when read (see childrenOf) */
  nodes: XmlNode[];
  kids?: (El | string)[];
  /** the raw content of an element kept as markup (descriptions): see RAW */
  raw: string | null;
}

// Elements whose content is HTML by nature: kept as the raw string the document holds, so that
// unescaped markup in them (<p>, <br> without a close) cannot unbalance the feed's own elements.
const RAW = ['description', 'summary', 'content', 'content:encoded'];
const ROOTS = ['rss', 'feed', 'rdf:RDF'];

const xml = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // entities are decoded by `entities` below (HTML5 names too); a DOCTYPE never defines any
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  stopNodes: RAW.map((name) => `*.${name}`),
  // elements deeper than this are a hostile document, not a feed (60,000 unclosed <item>s)
  maxNestedTags: 64,
});

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * An element's children: text (entities decoded), CDATA (as it is) and elements, in document
 * order. Made on first read, one level at a time, so a feed of 30,000 items pays only for the
 * items that are read.
 */
function childrenOf(el: El): (El | string)[] {
  if (el.kids) return el.kids;
  const kids: (El | string)[] = [];
  for (const node of el.nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === ':@') continue;
      if (key === '#text') kids.push(decodeEntities(String(value)));
      else if (key === '#cdata') kids.push(((value as XmlNode[])[0]?.['#text'] as string | undefined) ?? '');
      else if (!key.startsWith('?')) {
        const attrs: Record<string, string> = {};
        for (const [name, attr] of Object.entries(node[':@'] ?? {})) attrs[name.toLowerCase()] = decodeEntities(String(attr));
        const name = key.toLowerCase();
        const nodes = value as XmlNode[];
        const raw = RAW.includes(name) ? nodes.map((child) => String(child['#text'] ?? '')).join('') : null;
        kids.push({ name, attrs, nodes: raw === null ? nodes : [], raw });
      }
    }
  }
  return (el.kids = kids);
}

/** A raw element's content as text: CDATA taken as it is, entities decoded outside it. */
function rawValue(raw: string): string {
  let out = '';
  let at = 0;
  while (at < raw.length) {
    const open = raw.indexOf('<![CDATA[', at);
    if (open < 0) return out + decodeEntities(raw.slice(at));
    out += decodeEntities(raw.slice(at, open));
    const close = raw.indexOf(']]>', open + 9);
    if (close < 0) return out + raw.slice(open + 9);
    out += raw.slice(open + 9, close);
    at = close + 3;
  }
  return out;
}

/** An element's text: its own and its descendants', in order. */
function textOf(el: El): string {
  if (el.raw !== null) return rawValue(el.raw);
  let out = '';
  const stack: (El | string)[] = [...childrenOf(el)].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node === 'string') out += node;
    else if (node.raw !== null) out += rawValue(node.raw);
    else {
      // (a loop, not push(...kids): an element may have more children than a call takes arguments)
      const kids = childrenOf(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return out;
}

const elementsOf = (el: El, name: string) => childrenOf(el).filter((child): child is El => typeof child !== 'string' && child.name === name);

/** Every descendant named `name`, without entering what it finds (items do not nest). */
function descendants(el: El, name: string): El[] {
  const found: El[] = [];
  const stack: El[] = [el];
  while (stack.length) {
    for (const child of childrenOf(stack.pop()!)) {
      if (typeof child === 'string') continue;
      if (child.name === name) found.push(child);
      else stack.push(child);
    }
  }
  return found;
}

/** The first of `names` that the element has as a child with non-blank content, as text. */
function child(el: El, ...names: string[]): string {
  for (const name of names) {
    for (const element of elementsOf(el, name)) {
      const value = textOf(element).trim();
      if (value) return value;
    }
  }
  return '';
}

/** The longest tag a feed may hold (`<rss xmlns:…>` is the longest real one, well under this). */
const MAX_TAG = 8 * 1024;
/** Elements a feed may hold: a 500-item feed has about 10,000; the XML parser's time grows with their number. */
export const MAX_ELEMENTS = 100_000;

/**
 * Throws a FeedError, before the XML parser runs, for what would cost it far more than a feed
 * should: a tag longer than MAX_TAG outside CDATA and comments (the parser's attribute reading
 * grows faster than linearly within one tag), or more than MAX_ELEMENTS elements (2 MiB of
 * `<b/>`). One pass, left to right.
 */
function checkTags(text: string): void {
  let elements = 0;
  let at = text.indexOf('<');
  while (at >= 0) {
    const close = text.startsWith('<![CDATA[', at) ? ']]>' : text.startsWith('<!--', at) ? '-->' : '>';
    const end = text.indexOf(close, at + 1);
    if (end < 0) return; // unclosed: the parser refuses it
    if (close === '>') {
      if (end - at > MAX_TAG) throw new FeedError(`The feed is malformed: a tag longer than ${MAX_TAG / 1024} KiB.`);
      if (text[at + 1] !== '/' && ++elements > MAX_ELEMENTS) {
        throw new FeedError(
          `The feed has more than ${MAX_ELEMENTS.toLocaleString('en')} elements: far more than the ${MAX_PARSED_ITEMS} items it would be read for.`,
        );
      }
    }
    at = text.indexOf('<', end + close.length);
  }
}

/** How far into the body the root element must start: past the XML declaration, comments and a DOCTYPE. */
export const SIGNATURE_BYTES = 8 * 1024;

/**
 * The root element's name when the text starts as an RSS, RDF or Atom document does, looking
 * no further than its first SIGNATURE_BYTES; else a FeedError. Run on the first bytes of a
 * download, before the rest is read or parsed.
 */
export function feedSignature(text: string): 'rss' | 'feed' | 'rdf:RDF' {
  const head = text.slice(0, SIGNATURE_BYTES).replace(/^\ufeff/, '');
  let at = 0;
  for (;;) {
    while (at < head.length && /\s/.test(head[at]!)) at++;
    const close = head.startsWith('<?', at) ? '?>' : head.startsWith('<!--', at) ? '-->' : /^<!doctype\b/i.test(head.slice(at, at + 9)) ? '>' : null;
    if (!close) break;
    const end = head.indexOf(close, at + 2);
    if (end < 0) break;
    at = end + close.length;
  }
  const root = /^<(rss|feed|rdf:RDF)[\s>/]/i.exec(head.slice(at, at + 9))?.[1];
  if (!root) throw new FeedError('Not an RSS or Atom feed (the document does not start with <rss>, <feed> or <rdf:RDF>).');
  return ROOTS.find((name) => name.toLowerCase() === root.toLowerCase()) as 'rss' | 'feed' | 'rdf:RDF';
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
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  ICT: 420,
};

function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return null;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  return ZONES[zone.toUpperCase()] ?? null;
}

/** Splits a date as feeds write it into its parts; null when it has no recognisable shape. */
export function dateParts(text: string): DateParts | null {
  // (no date is longer: the cap keeps every pattern below cheap on a hostile one)
  const t = text.slice(0, 200).trim();
  let m = /(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\s*([+-]\d{4}|[a-z]{1,5}\b)?/i.exec(t);
  if (m) {
    const mo = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    const year = Number(m[3]);
    if (!mo) return null;
    return {
      y: year < 100 ? year + (year < 70 ? 2000 : 1900) : year,
      mo,
      d: +m[1]!,
      h: +m[4]!,
      mi: +m[5]!,
      s: +(m[6] ?? 0),
      offset: zoneOffset(m[7]),
      rfc822: true,
    };
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
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(utcMs);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Math.round(
    (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(utcMs / 1000) * 1000) / 60_000,
  );
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

/** The attributes of one HTML tag (its text between the name and `>`, at most 4 KiB of it). */
function htmlAttributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  // (a name starts only where a name character does not precede it: a long run of them is tried once, not from every position)
  for (const match of tag.slice(0, 4096).matchAll(/(?<![\w:.-])([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    result[match[1]!.toLowerCase()] ??= decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return result;
}

/** The first <img> of the HTML with an http(s) src (found left to right, linearly). */
function firstImage(html: string, base: string): FeedItem['image'] {
  const source = html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html;
  const lower = source.toLowerCase();
  for (let at = lower.indexOf('<img'); at >= 0; at = lower.indexOf('<img', at + 4)) {
    if (!/[\s/>]/.test(lower[at + 4] ?? '')) continue;
    const end = source.indexOf('>', at);
    if (end < 0) break;
    const attrs = htmlAttributes(source.slice(at + 4, end));
    const url = attrs.src ? absoluteUrl(attrs.src, base) : null;
    if (url) return { url, alt: cleanText(htmlToText(attrs.alt ?? ''), LIMITS.alt), width: positive(attrs.width), height: positive(attrs.height) };
    at = end;
  }
  return null;
}

function mediaImage(item: El, base: string): FeedItem['image'] {
  for (const name of ['media:thumbnail', 'media:content', 'enclosure']) {
    for (const { attrs: a } of descendants(item, name)) {
      const isImage = name === 'media:thumbnail' || /^image\//i.test(a.type ?? '') || a.medium === 'image';
      const url = isImage ? absoluteUrl(a.url ?? '', base) : null;
      if (url) return { url, alt: '', width: positive(a.width), height: positive(a.height) };
    }
  }
  return null;
}

/** "editor@portal.gov.vn (Nguyễn Văn A)" → "Nguyễn Văn A"; a bare address is not a name to show. */
function authorName(text: string): string | null {
  const short = text.slice(0, 1000);
  const name = /\(([^()]+)\)\s*$/.exec(short)?.[1] ?? short;
  const clean = cleanText(htmlToText(name), LIMITS.author);
  return clean && !/^\S+@\S+$/.test(clean) ? clean : null;
}

function atomLink(el: El, base: string): string | null {
  let fallback: string | null = null;
  for (const { attrs: a } of elementsOf(el, 'link')) {
    const url = a.href ? absoluteUrl(a.href, base) : null;
    if (!url) continue;
    if (!a.rel || a.rel === 'alternate') return url;
    fallback ??= a.rel === 'self' || a.rel === 'edit' ? null : url;
  }
  return fallback;
}

/**
 * An item's key as the admin API can address it: normalised by the contract's own function (no
 * soft hyphens or other invisible characters), then checked by the contract's rule; null when none fits.
 */
function itemKey(...candidates: string[]): string | null {
  for (const candidate of candidates) {
    const key = cleanText(normalizeItemKey(candidate.slice(0, LIMITS.key * 4)), LIMITS.key + 1);
    if (key && ItemKey.safeParse(key).success) return key;
  }
  return null;
}

function readItem(el: El, atom: boolean, base: string): RawItem | null {
  const linkText = child(el, 'link');
  const url = (linkText && absoluteUrl(linkText, base)) || atomLink(el, base);
  const titleHtml = child(el, 'title');
  const title = cleanText(htmlToText(decodeEntities(titleHtml)), LIMITS.title);
  if (!url || !title) return null;
  const key = itemKey(child(el, atom ? 'id' : 'guid'), url);
  if (!key) return null;
  // Portals put HTML in the description, and often encode it once more: decode until it is HTML.
  let html = child(el, 'description', 'summary', 'content:encoded', 'content');
  if (!/<[a-z]/i.test(html) && /&lt;[a-z/]/i.test(html)) html = decodeEntities(html);
  const authorEl = elementsOf(el, 'author')[0];
  const author = atom && authorEl ? child(authorEl, 'name') : child(el, 'dc:creator', 'author');
  const published = child(el, 'pubdate', 'published', 'dc:date', 'issued');
  const updated = child(el, 'updated', 'modified');
  return {
    key,
    title,
    summary: cleanText(htmlToText(html), LIMITS.summary),
    url,
    image: firstImage(html, url) ?? mediaImage(el, url),
    author: author ? authorName(author) : null,
    published: published ? dateParts(published) : null,
    updated: updated ? dateParts(updated) : null,
  };
}

/** Items read from one feed, at most (the importer takes the first 100; the rest is not worth the CPU). */
export const MAX_PARSED_ITEMS = 500;

/**
 * Parses a feed fetched from `feedUrl`. Dates without a zone are read in `timeZone`.
 * Throws FeedError when the text is not a complete RSS or Atom document.
 */
export function parseFeed(text: string, feedUrl: string, timeZone: string, nowMs = Date.now()): ParsedFeed {
  const rootName = feedSignature(text);
  const tail = text.slice(-256).trimEnd();
  if (!new RegExp(`</${rootName.replace(':', '\\:')}\\s*>$`, 'i').test(tail.slice(-(rootName.length + 16)))) {
    throw new FeedError(`The feed is cut off or malformed: it does not end with </${rootName}>.`);
  }
  checkTags(text);
  let nodes: XmlNode[];
  try {
    nodes = xml.parse(text.replace(/^\ufeff/, '')) as XmlNode[];
  } catch (error) {
    throw new FeedError(
      `The feed is malformed: ${String((error as Error)?.message ?? error)
        .split('\n')[0]!
        .slice(0, 120)}`,
    );
  }
  const root = elementsOf({ name: '', attrs: {}, nodes, raw: null }, rootName.toLowerCase())[0];
  if (!root) throw new FeedError(`The feed is cut off or malformed: it does not end with </${rootName}>.`);
  const format = rootName === 'feed' ? 'atom' : rootName === 'rss' ? 'rss' : 'rdf';
  const atom = format === 'atom';
  // The channel's own elements (its link, its generator): Atom's are the feed's; RSS's the <channel>'s.
  const head = atom ? root : (elementsOf(root, 'channel')[0] ?? root);
  // Relative links are relative to the site the channel names, else to the feed's own address.
  const channelLink = atom ? atomLink(head, feedUrl) : absoluteUrl(child(head, 'link') || feedUrl, feedUrl);
  const base = channelLink ?? feedUrl;

  const raws: RawItem[] = [];
  let skipped = 0;
  for (const el of descendants(root, atom ? 'entry' : 'item').slice(0, MAX_PARSED_ITEMS)) {
    const item = readItem(el, atom, base);
    if (item) raws.push(item);
    else skipped++;
  }

  // NukeViet writes pubDate with PHP's "H:m:s", so the "minutes" are the month. When every dated
  // item shows it (and the feed says it is NukeViet, or has enough items to tell), the minutes
  // are unknown: keep the date and the hour, and set the minutes to 0.
  const rfc = raws.map((item) => item.published).filter((p): p is DateParts => !!p && p.rfc822);
  const generator = child(head, 'generator');
  const monthAsMinutes = rfc.length > 0 && rfc.every((p) => p.mi === p.mo) && (/nukeviet/i.test(generator) || rfc.length >= 3);
  if (monthAsMinutes) for (const p of rfc) p.mi = 0;

  const seconds = (p: DateParts | null) => (p ? toUnixSeconds(p, timeZone, nowMs) : null);
  const items = raws.map(({ published, updated, ...item }) => {
    const updatedAt = seconds(updated);
    return { ...item, publishedAt: seconds(published) ?? updatedAt, updatedAt };
  });
  return { format, items, skipped };
}
