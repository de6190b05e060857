export const TEST_TURNSTILE_SECRET: string;
export function siteverify(request: Request): Promise<Response>;
export function startSiteverify(): Promise<{ url: string; stop(): Promise<void> }>;
