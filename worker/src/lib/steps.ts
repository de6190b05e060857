/**
 * Runs the Cron Trigger's steps one after another, each on its own: a step that throws is logged
 * and the next one still runs. Resolves with the names of the steps that failed.
 */
export async function runSteps(steps: Record<string, () => Promise<unknown>>): Promise<string[]> {
  const failed: string[] = [];
  for (const [name, step] of Object.entries(steps)) {
    try {
      await step();
    } catch (error) {
      failed.push(name);
      console.error(`scheduled step "${name}" failed: ${String((error as Error)?.message ?? error).slice(0, 300)}`);
    }
  }
  return failed;
}
