import autocannon from 'autocannon';
import type { LoadOptions } from './load.js';

/** Child side of runLoad: receives the options, runs autocannon, sends back the result. */
process.once('message', (msg) => {
  const { tokens, headers, ...opts } = msg as LoadOptions;
  let next = 0;
  void autocannon({
    ...opts,
    headers,
    setupClient: tokens?.length
      ? (client: { setHeaders(h: Record<string, string>): void }) =>
          client.setHeaders({ ...(headers as Record<string, string>), authorization: `Bearer ${tokens[next++ % tokens.length]}` })
      : undefined,
  } as autocannon.Options).then((result) => {
    process.send!(JSON.parse(JSON.stringify(result)), () => process.exit(0));
  });
});
