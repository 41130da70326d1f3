/**
 * A job queue's name and payload type in one value. Each module declares its queues in its own
 * `<module>.jobs.ts` with `defineQueue<Payload>('module.what')`; `JobsService.register` and `enqueue`
 * take the value, so a payload of the wrong shape fails to compile, and the process refuses to boot
 * when a declared queue has no handler.
 */
export interface Queue<P extends object> {
  readonly name: string;
  /** never set: carries the payload type */
  readonly payload?: P;
}

/** The payload of a periodic job: the time slot it was scheduled for (ms since epoch). */
export interface PeriodicPayload {
  slot: number;
}

const declared = new Set<string>();

export function defineQueue<P extends object>(name: string): Queue<P> {
  if (declared.has(name)) throw new Error(`job queue ${name} is declared twice`);
  declared.add(name);
  return { name };
}

export function declaredQueues(): string[] {
  return [...declared];
}

/** Queues that were declared but that nobody handles: jobs put there would wait forever. */
export function queuesWithoutHandler(declaredNames: Iterable<string>, handled: Set<string>): string[] {
  return [...declaredNames].filter((q) => !handled.has(q)).sort();
}

/** The first slot strictly after `after` on a grid of `intervalMs`. */
export function nextSlot(after: number, intervalMs: number): number {
  return (Math.floor(after / intervalMs) + 1) * intervalMs;
}
