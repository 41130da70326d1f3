import { startEmbeddedS3 } from './embedded.js';

/** Child process of `npm start`: s3rver with the legacy OpenSSL provider its tokens need. */
const [dir, port] = process.argv.slice(2);
const handle = await startEmbeddedS3(dir, { port: Number(port), silent: true });
process.send?.({ ready: true, endpoint: handle.endpoint });
console.log(`s3rver ready at ${handle.endpoint}`);
const stop = async () => {
  await handle.stop().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
