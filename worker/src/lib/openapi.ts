import * as z from 'zod';
import { ErrorBody } from '@civic-widgets/contract';

// Pieces of the OpenAPI document (routes/openapi.ts), each generated from a contract schema.

export const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(type, { io, unrepresentable: 'any' });
export const json = (type: z.ZodType, io?: 'input' | 'output') => ({ content: { 'application/json': { schema: schema(type, io) } } });
export const error = (description: string) => ({ description, ...json(ErrorBody) });
export const body = (type: z.ZodType) => ({ required: true, ...json(type, 'input') });
