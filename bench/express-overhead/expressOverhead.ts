/**
 * Express overhead benchmark (SPEC §10): autocannon against the same JSON endpoint (POST
 * /customers/:id), bare, with pino-http logging to a file, and with ActivityKit's capture middleware
 * recording every request into the devdb. Each server runs in its own process (same layout for all
 * three); the variants take turns within each run; the table shows medians of requests/s and p99
 * latency. Usage:
 *   pnpm --filter @activitykit/bench express-overhead [--runs 5] [--duration 8] [--connections 20]
 *     [--profile <dir>]   (writes a `node --cpu-prof` profile of every server process)
 *     [--modes bare,pino,capture,middleware]   (bare first: the other rows are compared with it)
 * Uses MONGODB_URI when set, else starts a dev database.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDevDb } from '@activitykit/devdb';
import autocannon from 'autocannon';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    runs: { type: 'string', default: '5' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '20' },
    profile: { type: 'string' },
    modes: { type: 'string', default: 'bare,pino,capture,middleware' },
  },
});
const RUNS = Number(values.runs);
const DURATION = Number(values.duration);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const ALL_MODES = ['bare', 'pino', 'capture', 'middleware'] as const;
type Mode = (typeof ALL_MODES)[number];
const MODES = ALL_MODES.filter((mode) => values.modes.split(',').includes(mode));
const LABELS: Record<Mode, string> = {
  bare: 'bare Express',
  pino: 'pino-http (to a file)',
  capture: 'ActivityKit capture (to the devdb)',
  middleware: 'ActivityKit middleware only (events dropped; diagnostic)',
};

const db = await startDevDb();
const script = fileURLToPath(new URL('./server.ts', import.meta.url));
let collections = 0;

function startServer(mode: Mode): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(script, [mode, db.uri, `run_${++collections}`], {
    execArgv: [
      '--conditions=@activitykit/source',
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}/${mode}`] : []),
    ],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /ready (\d+)/.exec(String(chunk));
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

/** Sends a message to a server and waits for its answer. */
function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer) => resolve(answer as T));
    child.send(message);
  });
}

/** CPU time (µs) a process has used, from /proc (the database runs in its own process). */
async function processCpuMicros(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // clock ticks at 100 Hz
  } catch {
    return undefined;
  }
}

function load(port: number, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}/customers/42`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'autocannon' },
    body: JSON.stringify({ name: 'Bob Jones', email: 'bob@acme.test', status: 'vip' }),
    connections: CONNECTIONS,
    duration,
  });
}

interface Sample {
  rps: number;
  p99: number;
  /** This run's req/s over bare's req/s of the same run. */
  ratio: number;
  /** Server CPU per request, µs. */
  cpu: number;
  /** Database CPU per request, µs. */
  dbCpu: number | undefined;
}
const results: Record<Mode, Sample[]> = { bare: [], pino: [], capture: [], middleware: [] };
for (let run = 1; run <= RUNS; run++) {
  let bareRps = 0;
  for (const mode of MODES) {
    const { child, port } = await startServer(mode);
    await load(port, WARMUP);
    await ask(child, 'mark');
    const dbBefore = await processCpuMicros(db.pid);
    const result = await load(port, DURATION);
    const dbAfter = await processCpuMicros(db.pid);
    const stopped = await ask<{ cpuMicros: number; metrics?: unknown }>(child, 'stop');
    const requests = Math.max(1, result.requests.total);
    if (mode === 'bare') bareRps = result.requests.average;
    const sample: Sample = {
      rps: result.requests.average,
      p99: result.latency.p99,
      ratio: result.requests.average / bareRps,
      cpu: stopped.cpuMicros / requests,
      dbCpu:
        dbBefore === undefined || dbAfter === undefined
          ? undefined
          : (dbAfter - dbBefore) / requests,
    };
    results[mode].push(sample);
    const extra = stopped.metrics ? ` store ${JSON.stringify(stopped.metrics)}` : '';
    process.stderr.write(
      `run ${run} ${mode}: ${Math.round(sample.rps)} req/s, p99 ${sample.p99} ms, server ${sample.cpu.toFixed(0)} µs/req, db ${sample.dbCpu?.toFixed(0) ?? '–'} µs/req, errors ${result.errors + result.non2xx}${extra}\n`,
    );
  }
}
await db.stop();

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const date = new Date().toISOString().slice(0, 10);
const lines = [
  '',
  `Express overhead, POST /customers/:id, ${CONNECTIONS} connections, ${DURATION} s per run, median of ${RUNS} runs, ${db.engine} (${date}):`,
  '',
  '| variant | req/s | vs bare (same run) | p99 latency (ms) | server CPU / request (µs) | database CPU / request (µs) |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
];
for (const mode of MODES) {
  const samples = results[mode];
  const dbCpu = samples.map((s) => s.dbCpu).filter((v): v is number => v !== undefined);
  lines.push(
    `| ${LABELS[mode]} | ${Math.round(median(samples.map((s) => s.rps)))} | ${(100 * median(samples.map((s) => s.ratio))).toFixed(1)}% | ${median(samples.map((s) => s.p99))} | ${median(samples.map((s) => s.cpu)).toFixed(0)} | ${dbCpu.length ? median(dbCpu).toFixed(0) : '–'} |`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
