import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode, ErrorIssue } from '@civic-widgets/contract';

const codeByStatus: Partial<Record<number, ErrorCode>> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** An error that becomes the project's one JSON error shape, with its status. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message });
  }
}

export function errorBody(status: number, message: string, issues?: ErrorIssue[]): ErrorBody {
  const error: ErrorBody['error'] = { code: codeByStatus[status] ?? 'internal', message };
  if (issues?.length) error.issues = issues;
  return { error };
}

/**
 * app.onError: every failure is JSON. A D1 failure is the database's, not the request's: 503
 * with Retry-After (and logged, so an SQL mistake is still seen); anything else unforeseen, 500.
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.status, err.message, err.issues), err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    // Hono's own (e.g. "Malformed JSON in request body" from the validator) keep status and message.
    const status = err.status as ContentfulStatusCode;
    return c.json(errorBody(status, err.message), status);
  }
  // a quota trigger's abort (migrations/0008): the site has as many feeds or links as it may
  const quota = /quota_exceeded: (feeds|links)/.exec(err.message)?.[1];
  if (quota) {
    return c.json(errorBody(409, `This site has reached its quota of ${quota}: delete some, or ask the operator to raise it.`), 409);
  }
  console.error(err);
  if (/D1_|SQLITE_/.test(err.message)) {
    return c.json(errorBody(503, 'The database is unavailable; try again shortly.'), 503, { 'Retry-After': '5' });
  }
  return c.json(errorBody(500, 'Something went wrong on our side.'), 500);
}
