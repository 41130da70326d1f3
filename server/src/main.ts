import 'reflect-metadata';
import type { Server } from 'node:http';
import { createApp, loadConfigOrExit, prepare } from './bootstrap.js';

async function main() {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  await prepare(app);
  await app.listen(config.PORT, config.HOST);
  // nginx keeps pooled connections to the API idle for up to 50 s (infra/nginx.conf); the API must hold
  // them longer, or it may close one just as nginx reuses it (a 502 for that viewer)
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  console.log(JSON.stringify({ level: 30, msg: `API listening on http://${config.HOST}:${config.PORT}/api` }));
}

void main();
