import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';

/** Sends one real `ping` through the official driver; resolves to the error when it fails. */
export async function ping(uri: string, timeoutMs: number): Promise<Error | undefined> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
  });
  try {
    await client.db('admin').command({ ping: 1 });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    await client.close().catch(() => {});
  }
}

export interface WaitForPingOptions {
  uri: string;
  deadline: number;
  /** Resolves when waiting is pointless (the process exited). */
  abort?: Promise<unknown>;
}

/** Pings until the server answers, the deadline passes or `abort` settles; returns the last error. */
export async function waitForPing(options: WaitForPingOptions): Promise<Error | undefined> {
  let aborted = false;
  options.abort?.then(
    () => (aborted = true),
    () => (aborted = true),
  );
  let lastError: Error | undefined = new Error('no ping was sent');
  while (!aborted && Date.now() < options.deadline) {
    lastError = await ping(
      options.uri,
      Math.max(200, Math.min(2000, options.deadline - Date.now())),
    );
    if (!lastError) return undefined;
    await sleep(100);
  }
  return lastError;
}
