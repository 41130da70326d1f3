import { api, ApiFailure, call } from '../../api/client';
import type { components } from '../../api/schema';

export type UploadView = components['schemas']['UploadView'];
export type UploadPurpose = UploadView['purpose'];

/** Moves one part's bytes to the object store; resolves with the ETag the store answered. */
export type PartTransport = (
  url: string,
  body: Blob,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
) => Promise<string>;

export class TransportError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The browser's way: XHR, because fetch cannot report upload progress. */
export const xhrTransport: PartTransport = (url, body, onProgress, signal) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      const etag = xhr.getResponseHeader('ETag');
      if (xhr.status >= 200 && xhr.status < 300 && etag) resolve(etag);
      else reject(new TransportError(xhr.status, `part upload failed: HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new TransportError(0, 'network error'));
    xhr.ontimeout = () => reject(new TransportError(0, 'timeout'));
    const abort = () => xhr.abort();
    signal.addEventListener('abort', abort, { once: true });
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.send(body);
  });

export interface Progress {
  loaded: number;
  total: number;
  /** bytes per second, smoothed; 0 until known */
  speed: number;
  /** seconds left, null until known */
  eta: number | null;
}

export interface EngineOptions {
  purpose: UploadPurpose;
  onProgress?: (p: Progress) => void;
  /** the phase: sending parts, then the server verifying the file */
  onPhase?: (phase: 'uploading' | 'verifying', uploadId: string) => void;
  signal?: AbortSignal;
  /** parts in flight at once */
  concurrency?: number;
  /** attempts per part before giving up */
  attempts?: number;
  transport?: PartTransport;
  /** first retry delay in ms; doubles each time */
  backoffMs?: number;
  /** how often to ask whether verification finished */
  pollMs?: number;
}

/** Where a file's upload id is remembered, so that re-selecting it after a reload resumes it. */
export function resumeKey(file: File, purpose: UploadPurpose): string {
  return `mumian.upload:${purpose}:${file.name}:${file.size}:${file.lastModified}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });

/** A client error that retrying will not fix (the server said no). */
function isFinal(err: unknown): boolean {
  if (err instanceof ApiFailure) return err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429;
  return (err as Error)?.name === 'AbortError';
}

async function withRetries<T>(fn: () => Promise<T>, attempts: number, backoffMs: number, signal?: AbortSignal): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (isFinal(err) || i >= attempts || signal?.aborted) throw err;
      const delay = backoffMs * 2 ** (i - 1);
      await sleep(delay * (0.75 + Math.random() * 0.5), signal);
    }
  }
}

/** Finds an unfinished upload of this file to resume, or starts a new one. */
async function openUpload(file: File, purpose: UploadPurpose): Promise<UploadView> {
  const key = resumeKey(file, purpose);
  const saved = storage()?.getItem(key);
  if (saved) {
    try {
      const view = await call(api.GET('/api/uploads/{id}', { params: { path: { id: saved } } }));
      if (view.state === 'uploading' || view.state === 'verifying' || view.state === 'ready') return view;
    } catch (err) {
      if (!(err instanceof ApiFailure) || err.status >= 500) throw err;
    }
    storage()?.removeItem(key);
  }
  const created = await call(
    api.POST('/api/uploads', {
      body: { purpose, fileName: file.name, size: file.size, contentType: file.type || undefined },
    }),
  );
  storage()?.setItem(key, created.id);
  return created;
}

/**
 * Uploads one file straight to the object store in parts, several at a time, retrying each part
 * with backoff, recording each stored part on the server (the ledger), and resuming from that
 * ledger after a reload. Resolves with the final state: ready (with the upload id) or rejected
 * (with the server's reason). Throws ApiFailure for refusals (too large, not allowed) and
 * network errors once retries are exhausted.
 */
export async function uploadFile(file: File, opts: EngineOptions): Promise<UploadView> {
  const { purpose, signal } = opts;
  const transport = opts.transport ?? xhrTransport;
  const concurrency = opts.concurrency ?? 4;
  const attempts = opts.attempts ?? 6;
  const backoffMs = opts.backoffMs ?? 1000;
  let view = await withRetries(() => openUpload(file, purpose), attempts, backoffMs, signal);
  const id = view.id;

  if (view.state === 'uploading') {
    opts.onPhase?.('uploading', id);
    const stored = new Set(view.storedParts.map((p) => p.partNumber));
    const sizeOf = (n: number) => (n < view.partCount ? view.partSize : file.size - view.partSize * (view.partCount - 1));
    const inFlight = new Map<number, number>();
    let done = view.storedParts.reduce((s, p) => s + p.size, 0);
    const meter = new SpeedMeter(done);
    const report = () => {
      const loaded = done + [...inFlight.values()].reduce((a, b) => a + b, 0);
      const speed = meter.sample(loaded);
      opts.onProgress?.({
        loaded,
        total: file.size,
        speed,
        eta: speed > 0 ? (file.size - loaded) / speed : null,
      });
    };
    report();

    const todo: number[] = [];
    for (let n = 1; n <= view.partCount; n++) if (!stored.has(n)) todo.push(n);
    const urls = new Map<number, string>();
    const mint = async (from: number) => {
      const batch = todo.slice(todo.indexOf(from), todo.indexOf(from) + 20);
      const res = await call(api.POST('/api/uploads/{id}/part-urls', { params: { path: { id } }, body: { partNumbers: batch } }));
      for (const u of res.urls) urls.set(u.partNumber, u.url);
    };

    /** Ledger writes run beside the next part's bytes; all must land before completing. */
    const records: Promise<unknown>[] = [];
    const recordPart = (n: number, etag: string, size: number) =>
      withRetries(
        () => call(api.PUT('/api/uploads/{id}/parts/{n}', { params: { path: { id, n } }, body: { etag, size } })),
        attempts,
        backoffMs,
        signal,
      );

    const sendPart = async (n: number) => {
      const start = (n - 1) * view.partSize;
      const body = file.slice(start, start + sizeOf(n));
      const etag = await withRetries(
        async () => {
          if (!urls.has(n)) await mint(n);
          try {
            inFlight.set(n, 0);
            return await transport(
              urls.get(n)!,
              body,
              (loaded) => {
                inFlight.set(n, loaded);
                report();
              },
              signal ?? new AbortController().signal,
            );
          } catch (err) {
            // an expired or refused URL: mint a fresh one on the next attempt
            if (err instanceof TransportError && (err.status === 403 || err.status === 400)) urls.delete(n);
            throw err;
          } finally {
            inFlight.delete(n);
          }
        },
        attempts,
        backoffMs,
        signal,
      );
      const recorded = recordPart(n, etag, body.size);
      recorded.catch(() => undefined); // awaited below; keeps an early failure from being "unhandled"
      records.push(recorded);
      done += body.size;
      report();
    };

    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
        await sendPart(todo[next++]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
    await Promise.all(records);
    view = await withRetries(
      () => call(api.POST('/api/uploads/{id}/complete', { params: { path: { id } } })),
      attempts,
      backoffMs,
      signal,
    );
  }

  opts.onPhase?.('verifying', id);
  let wait = opts.pollMs ?? 1000;
  while (view.state === 'verifying') {
    await sleep(wait, signal);
    wait = Math.min(wait * 1.5, 5000);
    view = await withRetries(() => call(api.GET('/api/uploads/{id}', { params: { path: { id } } })), attempts, backoffMs, signal);
  }
  if (view.state !== 'uploading') storage()?.removeItem(resumeKey(file, purpose));
  return view;
}

/** Cancels an upload on the server and forgets it locally. */
export async function cancelUpload(file: File, purpose: UploadPurpose, id: string | null): Promise<void> {
  storage()?.removeItem(resumeKey(file, purpose));
  if (id) await api.DELETE('/api/uploads/{id}', { params: { path: { id } } });
}

/** Upload speed over the last few seconds (a sliding window, so a stall shows quickly). */
export class SpeedMeter {
  private samples: { t: number; bytes: number }[] = [];
  constructor(
    start: number,
    private readonly windowMs = 5000,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.samples.push({ t: this.now(), bytes: start });
  }
  sample(bytes: number): number {
    const t = this.now();
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - this.samples[1].t > this.windowMs) this.samples.shift();
    const first = this.samples[0];
    const dt = (t - first.t) / 1000;
    return dt > 0.2 ? Math.max(0, (bytes - first.bytes) / dt) : 0;
  }
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}
