import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env.js';
import { json, operations } from '../lib/openapi.js';

const op = operations('meta', {
  ping: {
    summary: 'Whether the worker answers (no database is read)',
    access: 'public',
    responses: { 200: json('It does', z.object({ ok: z.literal(true) })) },
  },
});

/** `GET /api/v1/ping`: the worker is up. */
export const ping = new Hono<AppEnv>().get('/', op.ping, (c) => c.json({ ok: true }));
