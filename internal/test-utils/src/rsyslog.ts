import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

/** Options of {@link spawnRsyslogd}. */
export interface RsyslogdOptions {
  /** The directory of its configuration, work files and pid file. */
  dir: string;
  /** The file each message is appended to. */
  out: string;
  /** What is written of each message: an rsyslog template string, e.g. `%msg%\n`. */
  template: string;
  /** More parameters of the `omfile` action, e.g. `flushOnTXEnd="on"`. Defaults to none. */
  omfile?: string;
}

/**
 * Starts a real `rsyslogd` (Debian package `rsyslog`) in the foreground with its own configuration
 * in `dir`: an `imtcp` input on a free loopback port that appends each message, as `template`
 * says, to `out`. Resolves once the port takes connections (within 10 s, else it is killed and
 * this throws with what rsyslogd printed); the caller stops it with `child.kill('SIGTERM')`.
 *
 * @example
 * ```ts
 * const { port, child } = await spawnRsyslogd({ dir, out: join(dir, 'out.log'), template: '%msg%\\n' });
 * ```
 */
export async function spawnRsyslogd(
  options: RsyslogdOptions,
): Promise<{ port: number; child: ChildProcess }> {
  const { dir, out, template, omfile } = options;
  const port = await freePort();
  const config = join(dir, 'rsyslog.conf');
  await writeFile(
    config,
    [
      `global(workDirectory="${dir}" maxMessageSize="256k")`,
      'module(load="imtcp")',
      `template(name="line" type="string" string="${template}")`,
      `ruleset(name="lines") { action(type="omfile" file="${out}" template="line"${omfile ? ` ${omfile}` : ''}) }`,
      `input(type="imtcp" port="${port}" address="127.0.0.1" ruleset="lines")`,
      '',
    ].join('\n'),
  );
  const child = spawn('/usr/sbin/rsyslogd', ['-n', '-f', config, '-i', join(dir, 'rsyslogd.pid')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const collect = (chunk: Buffer) => {
    stderr += chunk.toString();
  };
  child.stderr?.on('data', collect);
  try {
    await waitForPort(port, () => stderr);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  // Only start-up failures are reported: later output is read and dropped.
  child.stderr?.off('data', collect).resume();
  return { port, child };
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
    if (Date.now() > deadline) {
      throw new Error(
        `rsyslogd did not listen on ${port} (is it installed? apt-get install rsyslog): ${stderr()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
