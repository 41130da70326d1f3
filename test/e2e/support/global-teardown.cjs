module.exports = async function () {
  const child = globalThis.__MUMIAN_SYSTEM__;
  if (!child || child.exitCode !== null) return;
  child.kill('SIGINT');
  await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 30000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
};
