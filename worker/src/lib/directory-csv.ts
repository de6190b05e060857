import { CSV_COLUMNS, type DirectoryExport } from '@civic-widgets/contract';
import { ApiError } from './errors.js';
import { CsvError, parseCsv, toCsv, type CsvRows } from './csv.js';

/** The directory as CSV: one row per link, its category on every row (empty categories are left out). */
export function directoryToCsv(directory: DirectoryExport): string {
  const rows = directory.categories.flatMap((category) =>
    category.links.map((link) => [
      category.slug,
      category.title,
      category.weight,
      link.title,
      link.url,
      link.description,
      link.logo,
      link.weight,
      link.hits,
      link.health,
      link.checkedAt,
    ]),
  );
  return toCsv([CSV_COLUMNS, ...rows]);
}

const REQUIRED = ['category', 'category_title', 'title', 'url'];

/**
 * An uploaded CSV's text. Only UTF-8 is read (with or without a byte-order mark): a file saved
 * in a legacy code page (Excel's plain "CSV" on Vietnamese Windows writes Windows-1258) is
 * refused by name rather than imported as mojibake.
 */
export function decodeCsv(bytes: ArrayBuffer): string {
  const utf8 = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return utf8().decode(bytes);
  } catch {
    // the line of the first byte that is not UTF-8: the longest beginning that still decodes
    const all = new Uint8Array(bytes);
    let [good, bad] = [0, all.length];
    while (good < bad) {
      const middle = Math.ceil((good + bad) / 2);
      try {
        utf8().decode(all.subarray(0, middle), { stream: true });
        good = middle;
      } catch {
        bad = middle - 1;
      }
    }
    const at = Math.min(good, all.length - 1);
    const line = 1 + all.subarray(0, at).filter((byte) => byte === 0x0a).length;
    throw new ApiError(400, 'The CSV is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8".', [
      { path: `rows.${line}`, message: `not UTF-8 near byte ${at + 1}` },
    ]);
  }
}
const number = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : /^[+-]?\d+$/.test(text.trim()) ? Number(text) : text);

/**
 * A CSV upload as the directory file it stands for (still to be validated), and `csvPath` to
 * point a validation issue at its spreadsheet line and column: `categories.0.links.2.url` →
 * `rows.4.url` (the header is line 1). Read-only columns (hits, health, checked_at) are accepted
 * and ignored; a category takes its title and weight from its first row.
 */
export function csvToDirectory(text: string) {
  let rows: CsvRows;
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new ApiError(400, 'The CSV is malformed.', [{ path: `rows.${error.line}`, message: error.message }]);
    throw error;
  }
  const header = (rows.shift() ?? []).map((name) => name.trim().toLowerCase());
  // the line each row starts on, as the format errors name them (blank lines and line breaks in cells count)
  const lines = rows.lines.slice(1);
  const issues = [
    ...REQUIRED.filter((name) => !header.includes(name)).map((name) => ({ path: 'header', message: `the column "${name}" is missing` })),
    ...header
      .filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name))
      .map((name) => ({ path: 'header', message: `unknown column "${name.slice(0, 40)}"` })),
  ];
  if (issues.length) throw new ApiError(400, `The CSV header must name the columns ${CSV_COLUMNS.join(',')}.`, issues);

  const categories: { slug: string; title: string; weight?: unknown; links: Record<string, unknown>[] }[] = [];
  const rowNumbers = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = Object.fromEntries(header.map((name, i) => [name, cells[i]]));
    const rowNumber = lines[index]!;
    let i = categories.findIndex((category) => category.slug === row.category);
    if (i < 0) {
      i = categories.push({ slug: row.category ?? '', title: row.category_title ?? '', weight: number(row.category_weight), links: [] }) - 1;
      rowNumbers.set(`categories.${i}`, rowNumber);
    }
    const links = categories[i]!.links;
    rowNumbers.set(`categories.${i}.links.${links.length}`, rowNumber);
    links.push({
      title: row.title ?? '',
      url: row.url ?? '',
      description: row.description ?? '',
      logo: row.logo?.trim() ? row.logo : null,
      weight: number(row.weight),
    });
  });
  /** A validation issue's path in the file, as the CSV row and column it came from. */
  const csvPath = (path: string) => {
    const link = /^categories\.(\d+)\.links\.(\d+)\.?(.*)$/.exec(path);
    if (link) return `rows.${rowNumbers.get(`categories.${link[1]}.links.${link[2]}`)}${link[3] ? `.${link[3]}` : ''}`;
    const category = /^categories\.(\d+)\.?(.*)$/.exec(path);
    const column = { slug: 'category', title: 'category_title', weight: 'category_weight' }[category?.[2] ?? ''];
    if (category) return `rows.${rowNumbers.get(`categories.${category[1]}`)}${column ? `.${column}` : ''}`;
    return path;
  };
  return { file: { categories }, csvPath };
}
