// What vitest's globalSetup hands the worker tests (`inject('fixtureOrigin')`).
declare module 'vitest' {
  export interface ProvidedContext {
    /** origin of the local stand-in web servers (fixture-sites.ts) */
    fixtureOrigin: string;
  }
}
export {};
