import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { ApiError } from './errors.js';
import { documents, failure } from './openapi.js';

/**
 * Guards a write's body: 415 unless its Content-Type is one of `types`, 413 past `maxBytes`.
 * The type check also closes the CORS gap of preflight-free `text/plain` posts.
 */
export const typedBody = (maxBytes: number, ...types: string[]) =>
  documents(
    every(
      createMiddleware(async (c, next) => {
        const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (!types.includes(type)) throw new ApiError(415, `Send the body as ${types.join(' or ')}.`);
        await next();
      }),
      bodyLimit({
        maxSize: maxBytes,
        onError: () => {
          throw new ApiError(413, `The body may be at most ${maxBytes} bytes.`);
        },
      }),
    ),
    { responses: { 413: failure(`The body is over ${maxBytes} bytes`), 415: failure(`The body is not ${types.join(' or ')}`) } },
  );

/** A JSON write's body: `application/json`, at most `maxBytes`. */
export const jsonBody = (maxBytes: number) => typedBody(maxBytes, 'application/json');
