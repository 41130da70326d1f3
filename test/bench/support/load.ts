import type autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Load generators run in a child process, so they do not share the server's event loop
 * (in-process they steal the loop the server needs and their own timers fire late, which shows
 * up as phantom tail latency and timeouts).
 */

/** autocannon; `tokens` are handed out one per connection (N connections = N signed-in viewers). */
export type LoadOptions = Omit<autocannon.Options, 'setupClient' | 'requests'> & { tokens?: string[] };

/** Each token is one viewer who requests `urls` in order, all viewers at once. */
export interface StormOptions {
  urls: string[];
  tokens: string[];
  headers?: Record<string, string>;
}

export interface StormResult {
  wallMs: number;
  /** time from the first request to the last answer, per viewer */
  viewer: { p50: number; p99: number; max: number };
  /** latency of each step of the sequence */
  requests: { p50: number; p99: number }[];
  failures: Record<string, number>;
}

export const runLoad = (opts: LoadOptions) => inChild<autocannon.Result>({ kind: 'load', opts });
export const runStorm = (opts: StormOptions) => inChild<StormResult>({ kind: 'storm', opts });

function inChild<T>(message: object): Promise<T> {
  const worker = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(worker, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as T));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`load generator exited with ${code}`)));
    child.send(message as never);
  });
}
