/**
 * A queue between the live hub (which pushes) and one watcher's async generator (which pulls):
 * `next` waits for the next item, and gives `undefined` once the inbox ended or the signal aborted.
 */
export class Inbox<T> {
  private readonly items: T[] = [];
  private failure: { error: unknown } | undefined;
  private ended = false;
  private wakeUp: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.notify();
  }

  /** Ends the inbox with an error, thrown by the next `next` once the queued items are taken. */
  fail(error: unknown): void {
    this.failure = { error };
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  async next(signal: AbortSignal | undefined): Promise<T | undefined> {
    for (;;) {
      if (signal?.aborted) return undefined;
      const item = this.items.shift();
      if (item !== undefined) return item;
      if (this.failure) throw this.failure.error;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        signal?.addEventListener('abort', onAbort, { once: true });
        this.wakeUp = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private notify(): void {
    this.wakeUp?.();
  }
}
