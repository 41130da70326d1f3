import type autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs autocannon in a child process, so the load generator does not share the server's event
 * loop (in-process it steals the loop the server needs and its own timers fire late, which shows
 * up as phantom tail latency and timeouts). `tokens` are handed out one per connection, as
 * `Authorization: Bearer …`, so N connections are N distinct signed-in viewers.
 */
export type LoadOptions = Omit<autocannon.Options, 'setupClient'> & { tokens?: string[] };

export function runLoad(opts: LoadOptions): Promise<autocannon.Result> {
  const worker = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(worker, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as autocannon.Result));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`load generator exited with ${code}`)));
    child.send(opts);
  });
}
