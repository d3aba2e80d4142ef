import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUp } from '@activitykit/test-utils';
import { spawnRsyslogd } from '@activitykit/test-utils/rsyslog';

/**
 * Starts a real `rsyslogd` (Debian package `rsyslog`) in the foreground with its own
 * configuration: an `imtcp` input on a free loopback port that writes each message's MSGID,
 * structured data and MSG, one per line, to a file of a temporary directory. Stopped (and the
 * directory removed) after the test or the file.
 */
export async function startRsyslog(): Promise<{ port: number; lines: () => Promise<string[]> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ak-rsyslog-'));
  const out = join(dir, 'out.log');
  let child: ChildProcess | undefined;
  cleanUp(async () => {
    child?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await rm(dir, { recursive: true, force: true });
  });
  const started = await spawnRsyslogd({
    dir,
    out,
    template: '%msgid% %structured-data% %msg%\\n',
    omfile: 'flushOnTXEnd="on" asyncWriting="off"',
  });
  child = started.child;
  return {
    port: started.port,
    lines: async () =>
      (await readFile(out, 'utf8').catch(() => '')).split('\n').filter((line) => line.length > 0),
  };
}
