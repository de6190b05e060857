import * as z from 'zod';

/** Every error the API answers with, by HTTP status. */
export const ErrorCode = z.enum([
  'validation_failed', // 400
  'unauthorized', // 401
  'forbidden', // 403
  'not_found', // 404
  'method_not_allowed', // 405
  'conflict', // 409
  'gone', // 410
  'payload_too_large', // 413
  'unsupported_media_type', // 415
  'rate_limited', // 429
  'internal', // 500
  'unavailable', // 503
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorIssue = z.object({
  path: z.string(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof ErrorIssue>;

/** `{"error":{"code":"validation_failed","message":"…","issues":[…]}}` */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    issues: z.array(ErrorIssue).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
