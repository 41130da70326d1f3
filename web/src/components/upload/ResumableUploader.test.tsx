import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse, meOf, renderSignedIn, stubApi } from '../../test-utils/signed-in';
import type { PartTransport } from './engine';
import { resumeKey } from './engine';
import { ResumableUploader } from './ResumableUploader';

const PART = 1000;

interface FakeUpload {
  id: string;
  fileName: string;
  size: number;
  state: string;
  parts: Map<number, string>;
  verdict: 'ready' | 'rejected';
}

/** A fake uploads API: the ledger and the state machine as the server keeps them. */
function fakeServer(verdictOf: (name: string) => 'ready' | 'rejected', existing: FakeUpload[] = []) {
  const uploads = new Map(existing.map((u) => [u.id, u]));
  const view = (u: FakeUpload) => ({
    id: u.id,
    purpose: 'resource',
    fileName: u.fileName,
    size: u.size,
    partSize: PART,
    partCount: Math.ceil(u.size / PART),
    state: u.state,
    storedParts: [...u.parts].sort((a, b) => a[0] - b[0]).map(([partNumber, etag]) => ({ partNumber, etag, size: PART })),
    reason: u.state === 'rejected' ? '文件内容是可执行程序或脚本（Windows (MZ/PE)），不是允许的文档或媒体文件，已删除' : null,
    reasonCode: u.state === 'rejected' ? 'upload.rejected.executable' : null,
    createdAt: new Date().toISOString(),
  });
  const requests = stubApi(meOf({ role: 'teacher', username: 'teacher.li' }), async (req, url) => {
    const path = url.pathname;
    if (req.method === 'POST' && path === '/api/uploads') {
      const body = await req.json();
      const u: FakeUpload = {
        id: `00000000-0000-4000-8000-${String(uploads.size + 1).padStart(12, '0')}`,
        fileName: body.fileName,
        size: body.size,
        state: 'uploading',
        parts: new Map(),
        verdict: verdictOf(body.fileName),
      };
      uploads.set(u.id, u);
      return jsonResponse(201, view(u));
    }
    const m = /^\/api\/uploads\/([^/]+)(\/.*)?$/.exec(path);
    const u = m && uploads.get(m[1]);
    if (!u) return jsonResponse(404, { code: 'UPLOAD_NOT_FOUND', message: '找不到这个上传' });
    const rest = m![2] ?? '';
    if (req.method === 'GET' && !rest) {
      if (u.state === 'verifying') u.state = u.verdict;
      return jsonResponse(200, view(u));
    }
    if (rest === '/part-urls') {
      const { partNumbers } = await req.json();
      return jsonResponse(200, {
        urls: partNumbers.map((n: number) => ({ partNumber: n, url: `http://store/${u.id}?part=${n}` })),
        expiresAt: '',
      });
    }
    const part = /^\/parts\/(\d+)$/.exec(rest);
    if (req.method === 'PUT' && part) {
      u.parts.set(Number(part[1]), (await req.json()).etag);
      return jsonResponse(200, view(u));
    }
    if (rest === '/complete') {
      u.state = 'verifying';
      return jsonResponse(200, view(u));
    }
    return undefined;
  });
  return { uploads, requests };
}

const fileOf = (name: string, size: number) => new File([new Uint8Array(size)], name, { lastModified: 1700000000000 });

describe('ResumableUploader', () => {
  beforeEach(() => localStorage.clear());

  it('shows per-file progress with speed and time left, then reports the verified upload', async () => {
    fakeServer(() => 'ready');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sent: string[] = [];
    const transport: PartTransport = async (url, body, onProgress) => {
      sent.push(url);
      if (url.endsWith('part=1')) {
        onProgress(100);
        await new Promise((r) => setTimeout(r, 400));
        onProgress(500);
        await gate;
      }
      onProgress(body.size);
      return `"etag-${url.slice(-1)}"`;
    };
    const onUploaded = jest.fn();
    renderSignedIn(<ResumableUploader purpose="resource" transport={transport} pollMs={10} onUploaded={onUploaded} />);
    await userEvent.upload(await screen.findByLabelText('选择文件'), [fileOf('勾股定理.pdf', 3000)]);

    const row = await screen.findByLabelText('勾股定理.pdf');
    // parts 2 and 3 are done, part 1 half-way: 2500 of 3000 bytes
    await waitFor(() => expect(within(row).getByText(/2\.4 KB \/ 2\.9 KB/)).toBeInTheDocument(), { timeout: 5000 });
    expect(within(row).getByText(/\/秒/)).toBeInTheDocument();
    expect(within(row).getByText(/剩余 \d+ 秒/)).toBeInTheDocument();
    expect(within(row).getByText('83%')).toBeInTheDocument();
    expect(localStorage.getItem(resumeKey(fileOf('勾股定理.pdf', 3000), 'resource'))).toBeTruthy();

    release();
    await waitFor(() => expect(within(row).getByText(/上传完成/)).toBeInTheDocument(), { timeout: 5000 });
    expect(onUploaded).toHaveBeenCalledWith('00000000-0000-4000-8000-000000000001', expect.any(File), expect.anything());
    expect(sent.sort()).toHaveLength(3);
    // finished: nothing left to resume
    expect(localStorage.length).toBe(0);
  });

  it("shows the server's reason when a file is rejected, beside other files that pass", async () => {
    fakeServer((name) => (name.endsWith('试卷.pdf') ? 'rejected' : 'ready'));
    const transport: PartTransport = async (_url, body, onProgress) => {
      onProgress(body.size);
      return '"e"';
    };
    const onUploaded = jest.fn();
    renderSignedIn(<ResumableUploader purpose="resource" transport={transport} pollMs={10} onUploaded={onUploaded} />);
    await userEvent.upload(await screen.findByLabelText('选择文件'), [fileOf('期末试卷.pdf', 1500), fileOf('板书.png', 800)]);
    const bad = await screen.findByLabelText('期末试卷.pdf');
    const alert = await within(bad).findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent('未通过校验：文件内容是可执行程序或脚本');
    await waitFor(() => expect(within(screen.getByLabelText('板书.png')).getByText(/上传完成/)).toBeInTheDocument(), {
      timeout: 5000,
    });
    expect(onUploaded).toHaveBeenCalledTimes(1);
    expect(onUploaded.mock.calls[0][1].name).toBe('板书.png');
  });

  it('resumes an interrupted upload when the same file is chosen again, sending only the missing parts', async () => {
    const file = fileOf('第一单元.pptx', 3500);
    const id = '00000000-0000-4000-8000-0000000000aa';
    const { requests } = fakeServer(
      () => 'ready',
      [
        {
          id,
          fileName: file.name,
          size: file.size,
          state: 'uploading',
          parts: new Map([
            [1, '"a"'],
            [2, '"b"'],
          ]),
          verdict: 'ready',
        },
      ],
    );
    localStorage.setItem(resumeKey(file, 'resource'), id);
    const sent: string[] = [];
    const transport: PartTransport = async (url, body, onProgress) => {
      sent.push(url);
      onProgress(body.size);
      return '"c"';
    };
    const onUploaded = jest.fn();
    renderSignedIn(<ResumableUploader purpose="resource" transport={transport} pollMs={10} onUploaded={onUploaded} />);
    await userEvent.upload(await screen.findByLabelText('选择文件'), [file]);
    await waitFor(() => expect(onUploaded).toHaveBeenCalledWith(id, file, expect.anything()), { timeout: 5000 });
    expect(sent).toEqual([`http://store/${id}?part=3`, `http://store/${id}?part=4`]);
    expect(requests.some((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/uploads')).toBe(false);
  });

  it('retries a failed part with backoff until it goes through', async () => {
    fakeServer(() => 'ready');
    let failures = 0;
    const transport: PartTransport = async (_url, body, onProgress) => {
      if (failures++ < 2) throw new Error('network error');
      onProgress(body.size);
      return '"ok"';
    };
    const onUploaded = jest.fn();
    renderSignedIn(
      <ResumableUploader purpose="resource" transport={transport} pollMs={10} backoffMs={5} onUploaded={onUploaded} />,
    );
    await userEvent.upload(await screen.findByLabelText('选择文件'), [fileOf('作业.pdf', 900)]);
    await waitFor(() => expect(onUploaded).toHaveBeenCalled(), { timeout: 5000 });
    expect(failures).toBe(3);
  });

  it('shows a failure with a retry button when the retries run out', async () => {
    fakeServer(() => 'ready');
    const transport: PartTransport = async () => {
      throw new Error('network error');
    };
    renderSignedIn(<ResumableUploader purpose="resource" transport={transport} pollMs={10} backoffMs={1} />);
    await userEvent.upload(await screen.findByLabelText('选择文件'), [fileOf('作业.pdf', 900)]);
    const row = await screen.findByLabelText('作业.pdf');
    expect(await within(row).findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('上传失败：network error');
    expect(within(row).getByRole('button', { name: /重\s*试/ })).toBeInTheDocument();
  });
});
