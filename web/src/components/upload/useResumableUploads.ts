import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../serverErrors';
import { cancelUpload, uploadFile, type PartTransport, type Progress, type UploadPurpose, type UploadView } from './engine';

export type ItemState = 'queued' | 'uploading' | 'verifying' | 'ready' | 'rejected' | 'failed' | 'cancelled';

export interface UploadItem {
  key: string;
  file: File;
  state: ItemState;
  progress: Progress;
  uploadId: string | null;
  /** the server's reason (rejected) or the error (failed) */
  message: string | null;
  result: UploadView | null;
}

export interface ResumableUploadOptions {
  purpose: UploadPurpose;
  /** files uploading at once (each sends several parts in parallel) */
  parallelFiles?: number;
  /** parts in flight per file */
  concurrency?: number;
  transport?: PartTransport;
  backoffMs?: number;
  pollMs?: number;
  onUploaded?: (uploadId: string, file: File, view: UploadView) => void;
  onRejected?: (file: File, reason: string) => void;
}

let seq = 0;

/** Several files at once, each uploaded in parallel parts, resumable; state per file for the UI. */
export function useResumableUploads(opts: ResumableUploadOptions) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const controllers = useRef(new Map<string, AbortController>());
  const running = useRef(new Set<string>());

  const patch = useCallback((key: string, change: Partial<UploadItem>) => {
    setItems((list) => list.map((it) => (it.key === key ? { ...it, ...change } : it)));
  }, []);

  const start = useCallback(
    async (item: UploadItem) => {
      const o = optsRef.current;
      const controller = new AbortController();
      controllers.current.set(item.key, controller);
      running.current.add(item.key);
      patch(item.key, { state: 'uploading', message: null });
      try {
        const view = await uploadFile(item.file, {
          purpose: o.purpose,
          signal: controller.signal,
          concurrency: o.concurrency,
          transport: o.transport,
          backoffMs: o.backoffMs,
          pollMs: o.pollMs,
          onPhase: (phase, uploadId) => patch(item.key, { state: phase, uploadId }),
          onProgress: (progress) => patch(item.key, { progress }),
        });
        if (view.state === 'ready') {
          patch(item.key, {
            state: 'ready',
            result: view,
            uploadId: view.id,
            progress: { loaded: item.file.size, total: item.file.size, speed: 0, eta: 0 },
          });
          optsRef.current.onUploaded?.(view.id, item.file, view);
        } else {
          const reason = view.reason ?? view.state;
          patch(item.key, { state: view.state === 'aborted' ? 'cancelled' : 'rejected', result: view, message: reason });
          if (view.state === 'rejected') optsRef.current.onRejected?.(item.file, reason);
        }
      } catch (err) {
        if (controller.signal.aborted) patch(item.key, { state: 'cancelled' });
        else patch(item.key, { state: 'failed', message: errorMessage(err) });
      } finally {
        controllers.current.delete(item.key);
        running.current.delete(item.key);
      }
    },
    [patch],
  );

  // a small scheduler: at most `parallelFiles` files at once, the rest wait their turn
  useEffect(() => {
    const limit = opts.parallelFiles ?? 2;
    const free = limit - running.current.size;
    if (free <= 0) return;
    for (const item of items.filter((it) => it.state === 'queued' && !running.current.has(it.key)).slice(0, free))
      void start(item);
  }, [items, opts.parallelFiles, start]);

  const addFiles = useCallback((files: File[] | FileList) => {
    const added = Array.from(files).map<UploadItem>((file) => ({
      key: `u${++seq}`,
      file,
      state: 'queued',
      progress: { loaded: 0, total: file.size, speed: 0, eta: null },
      uploadId: null,
      message: null,
      result: null,
    }));
    setItems((list) => [...list, ...added]);
  }, []);

  const cancel = useCallback(
    async (key: string) => {
      const item = items.find((it) => it.key === key);
      controllers.current.get(key)?.abort();
      if (item && item.state !== 'ready' && item.state !== 'rejected') {
        patch(key, { state: 'cancelled' });
        await cancelUpload(item.file, optsRef.current.purpose, item.uploadId).catch(() => undefined);
      }
    },
    [items, patch],
  );

  const retry = useCallback((key: string) => patch(key, { state: 'queued', message: null }), [patch]);
  const remove = useCallback((key: string) => setItems((list) => list.filter((it) => it.key !== key)), []);

  useEffect(() => {
    const all = controllers.current;
    return () => all.forEach((c) => c.abort());
  }, []);

  return { items, addFiles, cancel, retry, remove };
}
