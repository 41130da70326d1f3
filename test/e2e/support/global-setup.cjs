// Starts the whole system once for all browser tests, exactly as `npm start` does
// (embedded Postgres, s3rver, API + worker, built web app), on a fresh data folder.
const { spawn } = require('node:child_process');
const { mkdtempSync, chmodSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const net = require('node:net');

function freePort() {
  return new Promise((ok, fail) => {
    const srv = net.createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

module.exports = async function () {
  const root = resolve(__dirname, '../../..');
  const dataDir = mkdtempSync(join(tmpdir(), 'mumian-e2e-'));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    MUMIAN_DATA_DIR: dataDir,
    MUMIAN_PG_PORT: String(await freePort()),
    MUMIAN_S3_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, [join(root, 'server/dist/dev/start.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://localhost:${port}`;
  const started = Date.now();
  while (!log.includes('Mumian 木棉 is up')) {
    if (child.exitCode !== null) throw new Error(`system exited early:\n${log}`);
    if (Date.now() - started > 240000) throw new Error(`system did not start in time:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  globalThis.__MUMIAN_SYSTEM__ = child;
  writeFileSync(join(tmpdir(), 'mumian-e2e.json'), JSON.stringify({ base, dataDir, pid: child.pid }));
  process.env.MUMIAN_E2E_BASE = base;
};
