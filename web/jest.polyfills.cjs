// jsdom lacks what antd and react-router need.
const { TextEncoder, TextDecoder } = require('node:util');
Object.assign(globalThis, { TextEncoder, TextDecoder });
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
    const make = () => ({
      onmessage: null,
      postMessage: (data) => setTimeout(() => other.onmessage && other.onmessage({ data }), 0),
      close() {},
    });
    const a = make();
    const b = make();
    let other;
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
