/** Path, flags and environment (the package's own libraries, when it needs them) for every launcher. */
export const chromiumLaunchOptions: { executablePath: string; args: string[]; env: Record<string, string | undefined> };
export const chromiumDescription: string;
