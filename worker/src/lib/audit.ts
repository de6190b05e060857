import type { Context } from 'hono';
import type { AppEnv, Env } from '../env.js';
import { auditStatement, settleAuditStatement, type AuditRecord } from '../db/audit.js';

// Every admin write leaves an audit row written in the same D1 batch as the change, so a change
// without its record cannot happen. Rather than teach every db/*.ts write function about the audit
// log, each write request gets its own view of D1 (`auditedEnv`): once the request is
// authenticated (`beginAudit`, called by requireAdmin and requireOperator), the first statement
// that writes runs as `batch([write, auditRow])`, and a write that is already a batch gets an
// audit INSERT after each of its writes (the row written once, at the first that changed a row,
// db/audit.ts). The row is written only when the write changed something; after that, the
// request's further writes pass through unchanged (one row per request).

// a statement that writes begins with its verb (or is a WITH … that ends in one); a read that
// merely calls replace() or names an `updated` column is not one
const WRITE = /^\s*(?:INSERT|UPDATE|DELETE|REPLACE)\b|^\s*WITH\b[\s\S]*\)\s*(?:INSERT|UPDATE|DELETE|REPLACE)\b/i;
const AUDIT = Symbol('audit');
const UNAUDITED = Symbol('unaudited');

/** The audit of one request: what it records, once the request is known to be an admin's. */
export interface Audit {
  record: Omit<AuditRecord, 'at'> | null;
  written: boolean;
}

type Runner = 'first' | 'run' | 'all';

function auditedDb(db: D1Database, audit: Audit): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>();
  const pending = () => (audit.record && !audit.written ? { ...audit.record, at: Math.floor(Date.now() / 1000) } : null);

  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        if (property === 'bind') return (...values: unknown[]) => wrap(target.bind(...values), sql);
        if ((property === 'first' || property === 'run' || property === 'all') && WRITE.test(sql)) {
          return async (column?: string) => {
            const record = pending();
            if (!record) return column === undefined ? target[property as Runner]() : target.first(column);
            const [result, row] = await db.batch([target, auditStatement(db, record)]);
            if (row!.meta.changes > 0) audit.written = true;
            if (property !== 'first') return result;
            const first = (result!.results[0] ?? null) as Record<string, unknown> | null;
            return column === undefined ? first : (first?.[column] ?? null);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    real.set(proxy, statement);
    sqls.set(proxy, sql);
    return proxy;
  };

  return new Proxy(db, {
    get(target, property) {
      if (property === AUDIT) return audit;
      if (property === UNAUDITED) return target;
      // the request's D1 session (lib/site-scope.ts) is audited as the binding is
      if (property === 'withSession') return (constraint?: string) => auditedDb(target.withSession(constraint) as unknown as D1Database, audit);
      if (property === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql);
      if (property === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const unwrapped = statements.map((statement) => real.get(statement) ?? statement);
          const record = pending();
          const writes = (statement: D1PreparedStatement) => real.has(statement) && WRITE.test(sqlOf(statement));
          if (!record || !statements.some(writes)) return target.batch(unwrapped);
          // after each write, the audit INSERT that writes the row if that write changed something
          const mark = -1 - Number(crypto.getRandomValues(new BigUint64Array(1))[0]! >> 12n);
          const batch: D1PreparedStatement[] = [];
          const own = statements.map((statement, index) => {
            const at = batch.push(unwrapped[index]!) - 1;
            if (writes(statement)) batch.push(auditStatement(target, record, mark));
            return at;
          });
          const results = await target.batch([...batch, settleAuditStatement(target, mark, record.at)]);
          if (results.at(-1)!.meta.changes > 0) audit.written = true;
          return own.map((index) => results[index]!);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  function sqlOf(statement: D1PreparedStatement): string {
    return sqls.get(statement) ?? '';
  }
}

// the SQL of each wrapped statement (a proxied statement hides it)
const sqls = new WeakMap<object, string>();

/** The bindings a write request sees: D1 behind the audit (reads and non-admin writes pass through). */
export function auditedEnv(env: Env): Env {
  const audit: Audit = { record: null, written: false };
  return { ...env, DB: auditedDb(env.DB, audit) };
}

/**
 * The request's D1 (binding or session) without the audit. Only for the edge cache's generation
 * bump (lib/site-scope.ts): bookkeeping after a write, never a change an admin made, so it must
 * neither be recorded nor stand in for a write that changed nothing.
 */
export const unaudited = (db: D1Database): D1Database => (db as unknown as Record<symbol, D1Database | undefined>)[UNAUDITED] ?? db;

const auditOf = (c: Context<AppEnv>): Audit | undefined => (c.env.DB as unknown as Record<symbol, Audit | undefined>)[AUDIT];

/** Which resource a request changes, and its key: the path after `/api/v1/sites/:site/`. */
function target(c: Context<AppEnv>): { resource: string; key: string } {
  const path = new URL(c.req.url).pathname;
  const rest = /^\/api\/v1\/sites\/[^/]+\/(.*)$/.exec(path)?.[1] ?? path.replace(/^\/api\/v1\//, '');
  const [resource = '', ...key] = rest.split('/').map((part) => safeDecode(part));
  return { resource, key: key.join('/') };
}

function safeDecode(part: string) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The names of the fields a JSON write sent (never their values: a field may hold a secret). */
function fieldsSent(c: Context<AppEnv>): string {
  const body = (c.req.valid as (target: 'json') => unknown)('json');
  return body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body).join(', ') : '';
}

/**
 * Arms the request's audit, once its token is known: its writes are recorded against the site
 * `site` (slug) with the actor's label and token id. GETs record nothing.
 */
export function beginAudit(c: Context<AppEnv>, actor: { label: string; tokenId: string | null }, site: string | null) {
  const audit = auditOf(c);
  if (!audit) return;
  const { resource, key } = target(c);
  audit.record = { site: site ?? '', actor: actor.label, tokenId: actor.tokenId, method: c.req.method, resource, key, summary: '' };
  // the summary is read when the write runs, after the body has been validated
  Object.defineProperty(audit.record, 'summary', { enumerable: true, get: () => summaryOverride.get(audit) ?? fieldsSent(c) });
}

const summaryOverride = new WeakMap<Audit, string>();

/** Lets a route say what its write did (and, for a new site, which site it belongs to). */
export function noteAudit(c: Context<AppEnv>, note: { summary?: string; key?: string; site?: string }) {
  const audit = auditOf(c);
  if (!audit?.record) return;
  if (note.summary !== undefined) summaryOverride.set(audit, note.summary);
  if (note.key !== undefined) audit.record.key = note.key;
  if (note.site !== undefined) audit.record.site = note.site;
}
