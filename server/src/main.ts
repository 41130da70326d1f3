import 'reflect-metadata';
import { createApp, loadConfigOrExit, prepare } from './bootstrap.js';

async function main() {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  await prepare(app);
  await app.listen(config.PORT, config.HOST);
  console.log(JSON.stringify({ level: 30, msg: `API listening on http://${config.HOST}:${config.PORT}/api` }));
}

void main();
