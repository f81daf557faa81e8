/**
 * Retries an assertion until it passes or `timeoutMs` elapses, then rethrows its last failure. For effects that
 * arrive asynchronously (events, relays); never a fixed sleep.
 */
export async function expectEventually(
  assertion: () => Promise<void> | void,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
