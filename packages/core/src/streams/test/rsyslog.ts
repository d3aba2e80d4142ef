import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUp } from '@activitykit/test-utils';

/**
 * Starts a real `rsyslogd` (Debian package `rsyslog`) in the foreground with its own
 * configuration: an `imtcp` input on a free loopback port that writes each message's MSGID,
 * structured data and MSG, one per line, to a file of a temporary directory. Stopped (and the
 * directory removed) after the test or the file.
 */
export async function startRsyslog(): Promise<{ port: number; lines: () => Promise<string[]> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ak-rsyslog-'));
  const port = await freePort();
  const out = join(dir, 'out.log');
  const config = join(dir, 'rsyslog.conf');
  await writeFile(
    config,
    [
      `global(workDirectory="${dir}" maxMessageSize="256k")`,
      'module(load="imtcp")',
      'template(name="fields" type="string" string="%msgid% %structured-data% %msg%\\n")',
      `ruleset(name="streams") { action(type="omfile" file="${out}" template="fields" flushOnTXEnd="on" asyncWriting="off") }`,
      `input(type="imtcp" port="${port}" address="127.0.0.1" ruleset="streams")`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    '/usr/sbin/rsyslogd',
    ['-n', '-f', config, '-i', join(dir, 'rsyslogd.pid')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  cleanUp(async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await rm(dir, { recursive: true, force: true });
  });
  await waitForPort(port, () => stderr);
  return {
    port,
    lines: async () =>
      (await readFile(out, 'utf8').catch(() => '')).split('\n').filter((line) => line.length > 0),
  };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const probe = connect({ host: '127.0.0.1', port }, () => {
        probe.destroy();
        resolve(true);
      });
      probe.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`rsyslogd did not listen on ${port}: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
