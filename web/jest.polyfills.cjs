// jsdom lacks what antd and react-router need.
const util = require('node:util');
globalThis.TextEncoder = globalThis.TextEncoder || util.TextEncoder;
globalThis.TextDecoder = globalThis.TextDecoder || util.TextDecoder;
window.matchMedia =
  window.matchMedia ||
  ((query) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false,
  }));
const gcs = window.getComputedStyle;
window.getComputedStyle = (el) => gcs(el);
// a setTimeout-based MessageChannel: Node's own keeps jest from exiting
globalThis.MessageChannel = class {
  constructor() {
    const a = { onmessage: null, close() {} };
    const b = { onmessage: null, close() {} };
    a.postMessage = (data) => setTimeout(() => b.onmessage && b.onmessage({ data }), 0);
    b.postMessage = (data) => setTimeout(() => a.onmessage && a.onmessage({ data }), 0);
    this.port1 = a;
    this.port2 = b;
  }
};
window.scrollTo = () => {};
class RO {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver = globalThis.ResizeObserver || RO;
