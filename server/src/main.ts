import 'reflect-metadata';
import { createApp, prepare } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/config.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const app = await createApp(config);
  await prepare(app);
  await app.listen(config.PORT, config.HOST);
  console.log(JSON.stringify({ level: 30, msg: `API listening on http://${config.HOST}:${config.PORT}/api` }));
}

void main();
