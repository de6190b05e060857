/**
 * Runs `task` on every item, at most `limit` at once (the link checks' fetches, the queued feeds'
 * imports): a slow item holds up one lane, not the others. Resolves when all are done; `task`
 * handles its own errors.
 */
export async function eachConcurrently<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
