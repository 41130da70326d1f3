// jest's globalSetup/teardown do not apply moduleNameMapper: map nodenext-style `./x.js`
// imports to the `./x.ts` sources (jest's transformer compiles them), then run the TS hooks.
const Module = require('node:module');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request.startsWith('.') && request.endsWith('.js')) {
    try {
      return original.call(this, request.slice(0, -3) + '.ts', ...rest);
    } catch {
      /* the real .js */
    }
  }
  return original.call(this, request, ...rest);
};
module.exports = { setup: require('./global-setup.ts').default, teardown: require('./global-teardown.ts').default };
