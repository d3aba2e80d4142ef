import { type ChildProcess, spawn } from 'node:child_process';
import { DevDbError } from '../errors.ts';

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Settles when the process has exited, for whatever reason. */
  readonly exited: Promise<ServerExit>;
  /** The last lines the process wrote, for error messages. */
  outputTail(): string;
  /** From now on an exit is a crash (before, the starter reports the failure itself). */
  markStarted(): void;
  /** Ends the process (SIGTERM, then SIGKILL after `stopGraceMs`) and waits for it. */
  stop(): Promise<void>;
}

export interface SpawnServerOptions {
  name: string;
  command: string;
  args: readonly string[];
  /** Echo the process's stderr to ours. */
  echoStderr: boolean;
  /** Called once if the process exits after `markStarted()` without `stop()` having been called. */
  onCrash: (error: DevDbError) => void;
  /** How long `stop()` waits after SIGTERM before SIGKILL. Defaults to `5000` ms. */
  stopGraceMs?: number;
}

const TAIL_LINES = 40;

/**
 * Starts a server process that never outlives us: its stdin stays open for as long as we live (the
 * embedded FerretDB exits when it closes) and it is killed when our process exits.
 */
export function spawnServer(options: SpawnServerOptions): ServerProcess {
  const child = spawn(options.command, options.args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) tail.push(line);
    }
    tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
  };
  child.stderr?.on('data', (chunk: Buffer) => {
    remember(chunk);
    if (options.echoStderr) process.stderr.write(chunk);
  });
  child.stdout?.on('data', remember);
  // A server that is killed with its stdin half-written must not take us down with EPIPE.
  child.stdin?.on('error', () => {});

  let stopping = false;
  let started = false;
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  void exited.then(({ code, signal }) => {
    process.off('exit', killOnExit);
    if (stopping || !started) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    options.onCrash(
      new DevDbError(
        'CRASHED',
        `${options.name} (pid ${child.pid}) stopped unexpectedly with ${how}. ` +
          `Tests and apps using it will now fail to connect. Its last output:\n${tail.join('\n') || '(none)'}`,
      ),
    );
  });

  return {
    child,
    exited,
    outputTail: () => tail.join('\n'),
    markStarted: () => {
      started = true;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      const timer = setTimeout(() => child.kill('SIGKILL'), options.stopGraceMs ?? 5000);
      child.stdin?.end();
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Resolves with the first JSON line of `child`'s stdout that is not a `{ "log": … }` progress line
 * (those go to `onLog`); rejects when it exits first, prints something else or `timeoutMs` passes.
 */
export function readyMessage(
  child: ChildProcess,
  timeoutMs: number,
  onLog: (message: string) => void,
): Promise<Record<string, string>> {
  const stdout = child.stdout;
  if (!stdout) return Promise.reject(new Error('the process has no stdout pipe'));
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        let message: Record<string, string>;
        try {
          message = JSON.parse(line);
        } catch {
          cleanup();
          reject(new Error(`the process printed ${JSON.stringify(line)} instead of its address`));
          return;
        }
        if (typeof message.log === 'string') {
          onLog(message.log);
          continue;
        }
        cleanup();
        resolve(message);
        return;
      }
    };
    const onExit = () => {
      cleanup();
      reject(new Error('the process exited before it printed its address'));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`the process printed no address within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      stdout.off('data', onData);
      child.off('exit', onExit);
    };
    stdout.on('data', onData);
    child.once('exit', onExit);
  });
}
