import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, baseUrl, launch, newPage } from './support/browser.js';

/**
 * The browser-facing upload path in real Chromium against the system as `npm start` runs it:
 * parts go from the page straight to the object store with presigned URLs (CORS, the ETag
 * header exposed to scripts), the ledger survives a reload, and verification judges the bytes.
 */
describe('resumable direct-to-store upload in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    ({ page } = await newPage(browser));
    await page.goto(`${baseUrl()}/login`);
  });
  afterAll(() => browser?.close());

  /** Runs in the page: the API on the page's origin, the parts by XHR to the store's origin. */
  async function inPage<T>(fn: string, arg: unknown): Promise<T> {
    return page.evaluate(
      async ({ fn, arg, password }) => {
        const login = await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'teacher.li', password }),
        });
        const token = ((await login.json()) as { accessToken: string }).accessToken;
        const call = async (method: string, path: string, body?: unknown) => {
          const res = await fetch(path, {
            method,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: res.status, body: res.status === 204 ? null : await res.json() };
        };
        const put = (url: string, blob: Blob) =>
          new Promise<{ status: number; etag: string | null }>((resolve) => {
            const xhr = new XMLHttpRequest();
            xhr.open('PUT', url);
            xhr.onload = () => resolve({ status: xhr.status, etag: xhr.getResponseHeader('ETag') });
            xhr.onerror = () => resolve({ status: 0, etag: null });
            xhr.send(blob);
          });
        return new Function('call', 'put', 'arg', `return (${fn})(call, put, arg)`)(call, put, arg);
      },
      { fn, arg, password: DEMO_PASSWORD },
    ) as Promise<T>;
  }

  it('uploads parts from the page straight to the store, resumes after a reload, and verifies', async () => {
    // 9 MiB: two parts of 8 MiB + 1 MiB; a PDF header so it passes verification
    const started = await inPage<{ id: string; etag: string | null; status: number }>(
      `async (call, put) => {
        const size = 9 * 1024 * 1024;
        const bytes = new Uint8Array(size);
        for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096) % 251;
        bytes.set(new TextEncoder().encode('%PDF-1.7\\n'));
        const created = await call('POST', '/api/uploads', { purpose: 'resource', fileName: '浏览器上传.pdf', size });
        const id = created.body.id;
        const urls = await call('POST', '/api/uploads/' + id + '/part-urls', { partNumbers: [1] });
        const first = await put(urls.body.urls[0].url, new Blob([bytes.slice(0, 8 * 1024 * 1024)]));
        await call('PUT', '/api/uploads/' + id + '/parts/1', { etag: first.etag, size: 8 * 1024 * 1024 });
        return { id, etag: first.etag, status: first.status };
      }`,
      null,
    );
    expect(started.status).toBe(200);
    expect(started.etag).toMatch(/^"[0-9a-f]{32}"$/); // the store exposes ETag to the page (CORS)

    await page.reload();
    const finished = await inPage<{ stored: number[]; state: string; kind: string }>(
      `async (call, put, id) => {
        const before = await call('GET', '/api/uploads/' + id);
        const stored = before.body.storedParts.map((p) => p.partNumber);
        const size = 9 * 1024 * 1024;
        const bytes = new Uint8Array(size);
        for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096) % 251;
        bytes.set(new TextEncoder().encode('%PDF-1.7\\n'));
        const urls = await call('POST', '/api/uploads/' + id + '/part-urls', { partNumbers: [2] });
        const second = await put(urls.body.urls[0].url, new Blob([bytes.slice(8 * 1024 * 1024)]));
        await call('PUT', '/api/uploads/' + id + '/parts/2', { etag: second.etag, size: 1024 * 1024 });
        let view = (await call('POST', '/api/uploads/' + id + '/complete')).body;
        for (let i = 0; i < 120 && view.state === 'verifying'; i++) {
          await new Promise((r) => setTimeout(r, 500));
          view = (await call('GET', '/api/uploads/' + id)).body;
        }
        return { stored, state: view.state, kind: view.kind };
      }`,
      started.id,
    );
    expect(finished).toEqual({ stored: [1], state: 'ready', kind: 'pdf' });
  });
});
