import autocannon from 'autocannon';
import type { LoadOptions, StormOptions, StormResult } from './load.js';

/** Child side of runLoad / runStorm: receives the options, runs the load, sends back the result. */
process.once('message', (msg) => {
  const m = msg as { kind: 'load'; opts: LoadOptions } | { kind: 'storm'; opts: StormOptions };
  const done = (result: unknown) => process.send!(JSON.parse(JSON.stringify(result)), () => process.exit(0));
  if (m.kind === 'storm') void storm(m.opts).then(done);
  else void load(m.opts).then(done);
});

function load({ tokens, headers, ...opts }: LoadOptions): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    ...opts,
    headers,
    setupClient: tokens?.length
      ? (client: { setHeaders(h: Record<string, string>): void }) =>
          client.setHeaders({ ...(headers as Record<string, string>), authorization: `Bearer ${tokens[next++ % tokens.length]}` })
      : undefined,
  } as autocannon.Options);
}

/** Every viewer at once: each runs its requests in order, as a player does when play is pressed. */
async function storm({ urls, tokens, headers }: StormOptions): Promise<StormResult> {
  const perRequest: number[][] = urls.map(() => []);
  const perViewer: number[] = [];
  const failures: Record<string, number> = {};
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      const start = performance.now();
      for (const [i, url] of urls.entries()) {
        const s = performance.now();
        try {
          const res = await fetch(url, { headers: { ...headers, authorization: `Bearer ${token}` } });
          await res.arrayBuffer();
          if (!res.ok) failures[String(res.status)] = (failures[String(res.status)] ?? 0) + 1;
        } catch (e) {
          const k = (e as Error).message;
          failures[k] = (failures[k] ?? 0) + 1;
        }
        perRequest[i].push(performance.now() - s);
      }
      perViewer.push(performance.now() - start);
    }),
  );
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  return {
    wallMs: performance.now() - t0,
    viewer: { p50: pct(perViewer, 0.5), p99: pct(perViewer, 0.99), max: Math.max(...perViewer) },
    requests: perRequest.map((xs) => ({ p50: pct(xs, 0.5), p99: pct(xs, 0.99) })),
    failures,
  };
}
