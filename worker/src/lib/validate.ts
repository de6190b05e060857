import { validator } from 'hono-openapi';
import type { ValidationTargets } from 'hono';
import type * as z from 'zod';
import type { ErrorIssue } from '@civic-widgets/contract';
import { ApiError } from './errors.js';

/** What a request part is called in a message. */
const partName: Record<string, string> = { json: 'the body', query: 'the query', param: 'the address', form: 'the form', header: 'a header' };

/** One issue as a message names it: the field first, so a reader sees which one at once. */
const describe = ({ path, message, missing }: ErrorIssue & { missing?: boolean }, where: string) =>
  missing ? `the field "${path}" is missing` : path === where ? `${partName[where] ?? where}: ${message}` : `"${path}": ${message}`;

/**
 * The project's 400 for input that parsed but is wrong: one issue per failing field, and a message
 * that names the first two (`The field "title" is missing; "url": Invalid URL (and 1 more).`),
 * not a bare "Invalid json.". `where` is the request part (`json`, `query`, `param`), or the name
 * of what was read (`directory file`).
 */
export function invalidFields(issues: (ErrorIssue & { missing?: boolean })[], where = 'json', prefix = '') {
  const named = issues
    .slice(0, 2)
    .map((issue) => describe(issue, where))
    .join('; ');
  const more = issues.length > 2 ? ` (and ${issues.length - 2} more)` : '';
  const text = `${prefix}${named}${more}.`;
  return new ApiError(
    400,
    text.charAt(0).toUpperCase() + text.slice(1),
    issues.map(({ path, message }) => ({ path, message })),
  );
}

/**
 * The 400 of a failed zod parse, its paths dotted (`where` when it has none); `pathOf` may name a
 * path as the client knows it (a CSV row, say), `prefix` what was being read.
 */
export const validationError = (error: { issues: readonly z.core.$ZodIssue[] }, where: string, prefix = '', pathOf = (path: string) => path) =>
  invalidFields(
    error.issues.map((issue) => ({
      path: pathOf(issue.path.map(String).join('.') || where),
      message: issue.message,
      // zod names a missing key as a value of the wrong type, "received undefined"
      missing: issue.code === 'invalid_type' && issue.path.length > 0 && /received undefined$/.test(issue.message),
    })),
    where,
    prefix,
  );

/**
 * The request validator (hono-openapi's, over @hono/standard-validator): failures become the
 * project's 400 with one issue per failing field, and the schema that checks the request part is
 * the one the OpenAPI document shows for it (routes/openapi.ts).
 */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  validator(target, schema, (result) => {
    // zod's Standard Schema issues are its own, codes included
    if (!result.success) throw validationError({ issues: result.error as readonly z.core.$ZodIssue[] }, target);
  });
