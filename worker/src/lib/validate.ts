import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type * as z from 'zod';
import { ApiError } from './errors.js';

/**
 * The project's 400: one issue per failing field, its path dotted (`where` when it has none);
 * `pathOf` may name it as the client knows it (a CSV row, say).
 */
export const validationError = (
  error: { issues: readonly z.core.$ZodIssue[] },
  where: string,
  message = `Invalid ${where}.`,
  pathOf = (path: string) => path,
) =>
  new ApiError(
    400,
    message,
    error.issues.map((issue) => ({ path: pathOf(issue.path.map(String).join('.') || where), message: issue.message })),
  );

/** zValidator whose failures become the project's 400 with one issue per failing field. */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(result.error, target);
  });
