// CSV as RFC 4180 writes it and spreadsheets read it: comma-separated, fields quoted when they
// hold a comma, quote or line break, CRLF between records, UTF-8 with a byte-order mark so that
// Excel shows Vietnamese as Vietnamese. Reading also takes what spreadsheets write elsewhere:
// Excel in a Vietnamese (or any comma-decimal) locale separates with `;`, "Unicode text" with tabs.

const BOM = '\uFEFF';

// A cell starting with one of = + - @ is run as a formula by spreadsheets (CSV injection). Such a
// cell is written behind an apostrophe, which spreadsheets hide, and `parseCsv` takes one off.
const FORMULA = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to CSV text, header first. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return BOM + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
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
 * The separator of a CSV file, read off its header line: the one of `,` `;` tab that occurs most
 * there outside quotes (a comma when none does).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of text.startsWith(BOM) ? text.slice(1) : text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\r' || char === '\n')) break;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  return DELIMITERS.reduce((best, delimiter) => ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0) ? delimiter : best));
}

/**
 * CSV text to rows of cells (a BOM and blank lines are skipped), its separator detected from the
 * header line. Throws CsvError on a broken quote.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let i = text.startsWith(BOM) ? 1 : 0;
  const endField = () => {
    row.push(ESCAPED.test(field) ? field.slice(1) : field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
        const next = text[i + 1];
        if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
          throw new CsvError(`a quoted field must end at a ${delimiter === '\t' ? 'tab' : `"${delimiter}"`} or a line break`, line);
        }
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === delimiter) {
      endField();
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else {
      field += char;
    }
  }
  if (quoted) throw new CsvError('a quoted field is not closed', line);
  if (field !== '' || row.length) endRow();
  return rows;
}
