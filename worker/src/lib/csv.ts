// CSV as RFC 4180 writes it and spreadsheets read it: comma-separated, fields quoted when they
// hold a comma, quote or line break (or start or end with a space, or were formula-escaped), CRLF
// between records, UTF-8 with a byte-order mark so that Excel shows Vietnamese as Vietnamese. Reading also takes what spreadsheets write elsewhere:
// Excel in a Vietnamese (or any comma-decimal) locale separates with `;`, "Unicode text" with tabs.
// PapaParse reads and writes the cells (quotes, doubled quotes, line breaks inside a cell); what
// is ours is the policy around it: the separator rule, formula escaping, line numbers in errors.
import Papa from 'papaparse';

const BOM = '\uFEFF';

// A cell starting with one of = + - @ tab CR is run as a formula by spreadsheets (CSV injection).
// Such a cell is written behind an apostrophe, which spreadsheets hide, and `parseCsv` takes one
// off. A cell that already starts with apostrophes before such a character gets one more, so
// that the import gives it back as it was. Numbers are written as they are (-2 is no formula).
// The import reads a CR as LF (`normalize`), so an apostrophe before a LF is taken off as well,
// and a cell starting with apostrophes before a line break is written with one more.
const FORMULA = /^'*[=+\-@\t\r\n]/;
/** A cell the export escaped: a formula-like cell behind at least one apostrophe. */
const escaped = (cell: string) => cell.startsWith("'") && FORMULA.test(cell);

/**
 * Excel in a Vietnamese locale splits a CSV on `;` (and a tab) as well: `x;=1+1` unquoted would
 * become two cells, the second a formula. A cell holding either is quoted, so it stays one.
 */
const SPLIT_ELSEWHERE = /[;\t]/;

/** Rows to CSV text, header first. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  const options = { delimiter: ',', newline: '\r\n', quoteChar: '"', escapeFormulae: FORMULA, quotes: (value: unknown) => SPLIT_ELSEWHERE.test(String(value)) };
  return BOM + Papa.unparse(rows as (string | number | null)[][], options) + '\r\n';
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** The separators a spreadsheet may write. */
export type CsvDelimiter = ',' | ';' | '\t';
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * The text PapaParse is given: without the byte-order mark, and every line break (CRLF, LF or a
 * lone CR, mixed as a file edited on two systems has them) made one LF, so that lines are counted
 * alike. A line break inside a cell becomes LF too, as descriptions store it.
 */
const normalize = (text: string) => (text.startsWith(BOM) ? text.slice(1) : text).replace(/\r\n?/g, '\n');

const parseOptions = (delimiter: CsvDelimiter) => ({ delimiter, newline: '\n' as const, quoteChar: '"', escapeChar: '"', skipEmptyLines: true as const });

/** The rows of a CSV file, and the line each row starts on (the header's is 1; blank lines and line breaks inside cells count). */
export interface CsvRows extends Array<string[]> {
  lines: number[];
}

/**
 * The separator of a CSV file, read off its header line: the one of `,` `;` tab that splits it
 * into the most cells outside quotes (a comma when none does).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const header = normalize(text);
  const cells = (delimiter: CsvDelimiter) => Papa.parse<string[]>(header, { ...parseOptions(delimiter), preview: 1 }).data[0]?.length ?? 0;
  const counts = new Map(DELIMITERS.map((delimiter) => [delimiter, cells(delimiter)]));
  return DELIMITERS.reduce((best, delimiter) => (counts.get(delimiter)! > counts.get(best)! ? delimiter : best));
}

/**
 * CSV text to rows of cells (a BOM and blank lines are skipped), its separator detected from the
 * header line; a row shorter than the header has its missing last cells empty. Throws CsvError,
 * with the line it is on, on a broken quote, a NUL character, or a row with more cells than the
 * header.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): CsvRows {
  const input = normalize(text);
  // line numbers, counted forward from the last position asked about
  let counted = 0;
  let line = 1;
  const lineAt = (index: number) => {
    if (index < counted) [counted, line] = [0, 1];
    for (; counted < index; counted++) if (input.charCodeAt(counted) === 10) line++;
    return line;
  };
  const nul = input.indexOf('\0');
  if (nul >= 0) throw new CsvError('a NUL character is no text: save the file from the spreadsheet as "CSV UTF-8"', lineAt(nul));

  // `lines` beside the rows, not among them: the rows stay a plain list of cells
  const rows = Object.defineProperty<string[][]>([], 'lines', { value: [] }) as CsvRows;
  let start = 0;
  Papa.parse<string[]>(input, {
    ...parseOptions(delimiter),
    step({ data, errors, meta }) {
      while (input.charCodeAt(start) === 10) start++; // the blank lines skipped before this row
      const error = errors[0];
      if (error) {
        const message =
          error.code === 'MissingQuotes'
            ? 'a quoted field is not closed'
            : `a quoted field must end at a ${delimiter === '\t' ? 'tab' : `"${delimiter}"`} or a line break`;
        throw new CsvError(message, lineAt(error.index ?? start));
      }
      const width = rows[0]?.length ?? data.length;
      // more cells than columns would be data dropped, unless they are empty (a spreadsheet's
      // trailing separators); fewer are a row whose empty last cells were left off (by hand, or by
      // a tool that trims them): they are empty
      if (data.slice(width).some((cell) => cell !== '')) {
        throw new CsvError(`the row has ${data.length} cells where the header has ${width}`, lineAt(start));
      }
      const cells = data.length < width ? [...data, ...Array<string>(width - data.length).fill('')] : data.slice(0, width);
      rows.push(cells.map((cell) => (escaped(cell) ? cell.slice(1) : cell)));
      rows.lines.push(lineAt(start));
      start = meta.cursor;
    },
  });
  return rows;
}
