// A D1 binding that counts what it is asked to do: queries, and the rows they read and write
// (`meta.rows_read` is what D1 bills by). The worker's own db/ functions, and the whole worker
// with its D1 sessions (test/bench/metered-worker.mjs), run on it unchanged.
export function meteredD1(db) {
  const meter = { queries: 0, rowsRead: 0, rowsWritten: 0 };
  const count = (meta) => {
    meter.queries += 1;
    meter.rowsRead += meta.rows_read ?? 0;
    meter.rowsWritten += meta.rows_written ?? 0;
  };
  const wrap = (statement) => ({
    raw: statement,
    bind: (...values) => wrap(statement.bind(...values)),
    async all() {
      const result = await statement.all();
      count(result.meta);
      return result;
    },
    async run() {
      const result = await statement.run();
      count(result.meta);
      return result;
    },
    async first(column) {
      const { results } = await this.all();
      const row = results[0] ?? null;
      return column === undefined || row === null ? row : row[column];
    },
  });
  // a binding or one of its D1 sessions (the worker reads through sessions): metered alike
  const database = (target) => ({
    prepare: (sql) => wrap(target.prepare(sql)),
    async batch(statements) {
      const results = await target.batch(statements.map((statement) => statement.raw));
      for (const result of results) count(result.meta);
      return results;
    },
    ...(typeof target.withSession === 'function' && { withSession: (start) => database(target.withSession(start)) }),
    ...(typeof target.getBookmark === 'function' && { getBookmark: () => target.getBookmark() }),
  });
  return {
    meter,
    reset() {
      Object.assign(meter, { queries: 0, rowsRead: 0, rowsWritten: 0 });
    },
    db: database(db),
  };
}
