import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type * as z from 'zod';
import { ApiError } from './errors.js';

/** zValidator whose failures become the project's 400 with one issue per failing field. */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || target,
        message: issue.message,
      }));
      throw new ApiError(400, `Invalid ${target}.`, issues);
    }
  });
