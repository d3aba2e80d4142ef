import type { CommandStartedEvent, MongoClient } from 'mongodb';

/**
 * What `run` returns, and every command `client` started meanwhile (a client connected with
 * `monitorCommands: true`).
 *
 * @example
 * ```ts
 * const client = await MongoClient.connect(uri, { monitorCommands: true });
 * const [signals, commands] = await monitored(client, () => store.securitySignals(range, scope));
 * ```
 */
export async function monitored<T>(
  client: MongoClient,
  run: () => Promise<T>,
): Promise<[T, CommandStartedEvent[]]> {
  const commands: CommandStartedEvent[] = [];
  const listener = (event: CommandStartedEvent) => commands.push(event);
  client.on('commandStarted', listener);
  try {
    return [await run(), commands];
  } finally {
    client.off('commandStarted', listener);
  }
}

/** The filters of the `find` commands among `commands` that read `collection`. */
export function findFilters(
  commands: CommandStartedEvent[],
  collection: string,
): Record<string, unknown>[] {
  return commands
    .filter((command) => command.commandName === 'find' && command.command.find === collection)
    .map((command) => command.command.filter as Record<string, unknown>);
}
