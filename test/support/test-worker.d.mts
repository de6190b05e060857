export interface TestWorker {
  origin: string;
  tokens: Record<string, string>;
  sql(statement: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}
export function startTestWorker(options?: { seedDemo?: boolean; vars?: Record<string, string>; assets?: string }): Promise<TestWorker>;
