// jsdom without Node's fetch classes breaks openapi-fetch: hand them over.
const { TestEnvironment } = require('jest-environment-jsdom');

class Environment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of [
      'fetch',
      'Request',
      'Response',
      'Headers',
      'FormData',
      'Blob',
      'File',
      'ReadableStream',
      'TextEncoder',
      'TextDecoder',
      'structuredClone',
      'AbortController',
      'AbortSignal',
    ]) {
      if (globalThis[name]) this.global[name] = globalThis[name];
    }
  }
}
module.exports = Environment;
