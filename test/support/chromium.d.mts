export const chromiumPath: string;
export const chromiumArgs: string[];
export const chromiumEnv: Record<string, string | undefined>;
export const chromiumDescription: string;
