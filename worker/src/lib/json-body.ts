import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { ApiError } from './errors.js';

/**
 * Guards a JSON write: 415 unless the body is `application/json`, 413 past `maxBytes`.
 * The type check also closes the CORS gap of preflight-free `text/plain` posts.
 */
export const jsonBody = (maxBytes: number) =>
  every(
    createMiddleware(async (c, next) => {
      const type = c.req.header('Content-Type') ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        throw new ApiError(415, 'Send the body as application/json.');
      }
      await next();
    }),
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new ApiError(413, `The body may be at most ${maxBytes} bytes.`);
      },
    }),
  );
