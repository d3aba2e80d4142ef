/** A store as {@link flushedUntil} needs it: one that can write out what it holds. */
export interface FlushableStore {
  flush(): Promise<unknown>;
}

/**
 * What `read` finds once it finds `count` items: flushes `store`'s writer and reads again every
 * 20 ms, for up to 5 s; then answers what it found, so the test's assertion says what is missing.
 *
 * @example
 * ```ts
 * const [exported] = await flushedUntil(store, () => events.find({ action }).toArray());
 * ```
 */
export async function flushedUntil<T>(
  store: FlushableStore,
  read: () => Promise<T[]>,
  count = 1,
): Promise<T[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await store.flush();
    const found = await read();
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
