import { isValidTimeZone } from '@activitykit/schema';
import { ActivityError } from '../errors.ts';

/**
 * Checks an export's time zone before any byte is sent, so an HTTP adapter can still answer 400.
 * @internal
 */
export function assertExportTimeZone(timeZone: string | undefined): void {
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    throw new ActivityError(
      'INVALID_QUERY',
      `Unknown time zone ${JSON.stringify(timeZone)}: use an IANA name such as Europe/Moscow.`,
    );
  }
}
