import { createHash, randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import type { Principal } from '../../common/roles.js';
import { BlobsService } from './blobs.service.js';
import { MaintenanceService } from './maintenance.service.js';
import { StorageService } from './storage.service.js';
import { makeZip } from './test-fixtures.js';

const MiB = 1024 ** 2;

/** A PDF-looking file of the given size with random content. */
function pdfBytes(size: number): Buffer {
  const b = randomBytes(size);
  Buffer.from('%PDF-1.7\n').copy(b);
  return b;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('resumable direct-to-store uploads (real Postgres + s3rver)', () => {
  let t: TestApp;
  let teacher: string;
  let other: string;
  let storage: StorageService;
  let blobService: BlobsService;
  let maintenance: MaintenanceService;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    teacher = await t.login('teacher.li');
    other = await t.login('teacher.wang');
    storage = t.app.get(StorageService);
    blobService = t.app.get(BlobsService);
    maintenance = t.app.get(MaintenanceService);
  });
  afterAll(() => t.close());

  const principal = (userId: string) => ({ userId }) as Principal;

  async function create(token: string, body: Record<string, unknown>, lang = 'zh-CN') {
    return t.http().post('/api/uploads').set(auth(token)).set('Accept-Language', lang).send(body);
  }

  /** PUTs one part straight to the store with a presigned URL, as the browser does; returns the ETag. */
  async function putPart(token: string, id: string, n: number, bytes: Buffer): Promise<string> {
    const urls = await t
      .http()
      .post(`/api/uploads/${id}/part-urls`)
      .set(auth(token))
      .send({ partNumbers: [n] });
    expect(urls.status).toBe(200);
    const res = await fetch(urls.body.urls[0].url, { method: 'PUT', body: bytes });
    expect(res.status).toBe(200);
    return res.headers.get('etag')!;
  }

  async function record(token: string, id: string, n: number, etag: string, size: number) {
    return t.http().put(`/api/uploads/${id}/parts/${n}`).set(auth(token)).send({ etag, size });
  }

  /** The whole browser-facing path for a small file; returns the upload after verification. */
  async function uploadWhole(token: string, file: Buffer, fileName: string, purpose = 'resource', lang = 'zh-CN') {
    const created = await create(token, { purpose, fileName, size: file.length });
    expect(created.status).toBe(201);
    const { id, partSize, partCount } = created.body;
    for (let n = 1; n <= partCount; n++) {
      const part = file.subarray((n - 1) * partSize, n * partSize);
      expect((await record(token, id, n, await putPart(token, id, n, part), part.length)).status).toBe(200);
    }
    const done = await t.http().post(`/api/uploads/${id}/complete`).set(auth(token));
    expect([done.status, done.body.state]).toEqual([200, 'verifying']);
    await t.jobs.drain();
    return (await t.http().get(`/api/uploads/${id}`).set(auth(token)).set('Accept-Language', lang)).body;
  }

  const keyOf = async (id: string) => ((await t.db.query('SELECT key FROM upload WHERE id=$1', [id]))[0] as { key: string }).key;

  it('uploads in parts, survives a retried part and a cut, resumes from the ledger, then verifies', async () => {
    const file = pdfBytes(17 * MiB + 12345);
    const created = await create(teacher, { purpose: 'resource', fileName: '八年级数学 第一章 教案.pdf', size: file.length });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'uploading', partSize: 8 * MiB, partCount: 3, storedParts: [] });
    const id = created.body.id as string;
    const part = (n: number) => file.subarray((n - 1) * 8 * MiB, n * 8 * MiB);

    expect((await record(teacher, id, 1, await putPart(teacher, id, 1, part(1)), 8 * MiB)).status).toBe(200);
    // part 2: the first attempt stored garbage (say a proxy mangled it) and was recorded…
    const garbage = randomBytes(8 * MiB);
    expect((await record(teacher, id, 2, await putPart(teacher, id, 2, garbage), 8 * MiB)).status).toBe(200);
    // …then the part is retried with the right bytes: the ledger entry is replaced, not duplicated
    const etag2 = await putPart(teacher, id, 2, part(2));
    const retried = await record(teacher, id, 2, etag2, 8 * MiB);
    expect(retried.body.storedParts).toHaveLength(2);
    expect(retried.body.storedParts[1]).toMatchObject({ partNumber: 2, etag: etag2 });

    // a wrong part size is refused and changes nothing
    const wrongSize = await record(teacher, id, 3, '"abc"', 5);
    expect(wrongSize.status).toBe(400);
    expect(wrongSize.body.message).toContain('第 3 片大小应为');
    const early = await t.http().post(`/api/uploads/${id}/complete`).set(auth(teacher));
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('还有 1 个分片没有上传');

    // the network drops and the page reloads: the client asks what is stored and uploads only the rest
    const resumed = await t.http().get(`/api/uploads/${id}`).set(auth(teacher));
    expect(resumed.body.state).toBe('uploading');
    expect(resumed.body.storedParts.map((p: { partNumber: number }) => p.partNumber)).toEqual([1, 2]);
    const last = file.subarray(16 * MiB);
    expect((await record(teacher, id, 3, await putPart(teacher, id, 3, last), last.length)).status).toBe(200);

    const done = await t.http().post(`/api/uploads/${id}/complete`).set(auth(teacher));
    expect(done.body.state).toBe('verifying');
    // completing twice is harmless
    expect((await t.http().post(`/api/uploads/${id}/complete`).set(auth(teacher))).status).toBe(200);
    await t.jobs.drain();
    const ready = await t.http().get(`/api/uploads/${id}`).set(auth(teacher));
    expect(ready.body).toMatchObject({ state: 'ready', kind: 'pdf', mime: 'application/pdf', sha256: sha(file), reason: null });
    const stored = await storage.getBuffer(await keyOf(id));
    expect(stored.length).toBe(file.length);
    expect(sha(stored)).toBe(sha(file));
    // the ledger is closed once completed
    expect((await record(teacher, id, 3, etag2, last.length)).status).toBe(409);
  });

  it('rejects an executable named .pdf with a clear reason and deletes its object', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), randomBytes(4000)]);
    const zh = await uploadWhole(teacher, exe, '期末试卷.pdf');
    expect(zh.state).toBe('rejected');
    expect(zh.reasonCode).toBe('upload.rejected.executable');
    expect(zh.reason).toContain('可执行程序');
    expect(await storage.head(await keyOf(zh.id))).toBeNull();
    const en = await t.http().get(`/api/uploads/${zh.id}`).set(auth(teacher)).set('Accept-Language', 'en');
    expect(en.body.reason).toContain('executable');

    const elf = await uploadWhole(
      teacher,
      Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), randomBytes(2000)]),
      '讲座.mp4',
      'lecture',
    );
    expect(elf.state).toBe('rejected');
    expect(await storage.head(await keyOf(elf.id))).toBeNull();

    // a real PDF is not a lecture video: refused for that purpose
    const pdfAsLecture = await uploadWhole(teacher, pdfBytes(3000), '第一讲.mp4', 'lecture');
    expect(pdfAsLecture).toMatchObject({ state: 'rejected', reasonCode: 'upload.rejected.typeNotAllowed' });
    expect(pdfAsLecture.reason).toContain('不能作为讲座视频上传');
    // a text file named .srt is not a caption
    const notCaption = await uploadWhole(teacher, Buffer.from('这不是字幕文件\n'), '第一讲.srt', 'caption');
    expect(notCaption.state).toBe('rejected');
    // claiming a rejected upload says why
    await expect(blobService.claim(principal(t.seed.users.teacher), elf.id, ['video'])).rejects.toMatchObject({
      key: 'upload.rejected.executable',
    });
  });

  it('recognises a PPTX by the entries inside its ZIP', async () => {
    const pptx = makeZip({
      '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
      'ppt/presentation.xml': '<p:presentation/>',
      'ppt/slides/slide1.xml': '<p:sld/>',
    });
    const done = await uploadWhole(teacher, pptx, '勾股定理.pptx');
    expect(done).toMatchObject({ state: 'ready', kind: 'presentation' });
    const vtt = await uploadWhole(teacher, Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\n同学们好\n'), 'zh.vtt', 'caption');
    expect(vtt).toMatchObject({ state: 'ready', kind: 'caption', mime: 'text/vtt' });
  });

  it('stores identical content once and deletes the bytes only when nobody uses them', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(50_000)]);
    const a = await uploadWhole(teacher, png, '板书.png');
    const b = await uploadWhole(teacher, png, '板书-副本.png');
    expect([a.state, b.state]).toEqual(['ready', 'ready']);
    const blobs = await t.db.query('SELECT id, key, ref_count FROM blob WHERE sha256=$1', [sha(png)]);
    expect(blobs).toHaveLength(1);
    expect(blobs[0].ref_count).toBe(2);
    // one object in the store: the second upload's copy was deleted
    const heads = await Promise.all([storage.head(await keyOf(a.id)), storage.head(await keyOf(b.id))]);
    expect(heads.filter(Boolean)).toHaveLength(1);

    const p = principal(t.seed.users.teacher);
    // claims are checked: the right owner, a ready upload, an allowed kind
    await expect(blobService.claim(principal(t.seed.users.ruralTeacher), a.id, ['image'])).rejects.toMatchObject({
      status: 400,
      key: 'upload.notFound',
    });
    await expect(blobService.claim(p, a.id, ['video'])).rejects.toMatchObject({ status: 400, key: 'upload.kindNotAllowed' });
    const first = await t.db.transaction((m) => blobService.claim(p, a.id, ['image', 'pdf'], m));
    expect(first).toMatchObject({
      kind: 'image',
      mime: 'image/png',
      size: png.length,
      originalName: '板书.png',
      key: blobs[0].key,
    });
    await expect(blobService.claim(p, a.id, ['image'])).rejects.toMatchObject({ key: 'upload.alreadyUsed' });
    // a claim inside a transaction that rolls back leaves the upload claimable
    await expect(
      t.db.transaction(async (m) => {
        await blobService.claim(p, b.id, ['image'], m);
        throw new Error('the resource insert failed');
      }),
    ).rejects.toThrow('the resource insert failed');
    const second = await blobService.claim(p, b.id, ['image']);
    expect(second.id).toBe(first.id);

    // one resource is deleted: the other still needs the bytes
    await t.db.transaction((m) => blobService.release(first.id, m));
    await t.jobs.drain();
    expect(await storage.head(first.key)).not.toBeNull();
    expect((await blobService.get(first.id))?.refCount).toBe(1);
    // the last one goes: bytes and blob are deleted
    await blobService.release(second.id);
    await t.jobs.drain();
    expect(await storage.head(first.key)).toBeNull();
    expect(await blobService.get(first.id)).toBeNull();
  });

  it('refuses files over the purpose limit, empty files and program names with a 400', async () => {
    const big = await create(teacher, { purpose: 'resource', fileName: '录像.mp4', size: 2.5 * 1024 ** 3 });
    expect(big.status).toBe(400);
    expect(big.body.message).toBe('文件太大：教学资源最大 2 GiB，此文件 2.5 GiB');
    expect((await create(teacher, { purpose: 'resource', fileName: '录像.mp4', size: 2 * 1024 ** 3 + 1 })).status).toBe(400);
    const lecture = await create(teacher, { purpose: 'lecture', fileName: '录像.mp4', size: 2 * 1024 ** 3 + 1 });
    expect(lecture.status).toBe(201);
    const caption = await create(teacher, { purpose: 'caption', fileName: 'zh.vtt', size: 2 * MiB }, 'en');
    expect(caption.status).toBe(400);
    expect(caption.body.message).toContain('a caption file may be at most 1 MiB');
    expect((await create(teacher, { purpose: 'resource', fileName: 'a.pdf', size: 0 })).body.message).toContain('空的');
    expect((await create(teacher, { purpose: 'resource', fileName: 'setup.exe', size: 10 })).status).toBe(400);
    expect((await create(teacher, { purpose: 'homework', fileName: 'a.pdf', size: 10 })).status).toBe(400);
    expect((await create(teacher, { purpose: 'resource', fileName: '../../etc/passwd', size: 10 })).status).toBe(400);
    expect((await create(teacher, { purpose: 'resource', fileName: 'a.pdf', size: 10, admin: true })).status).toBe(400);
    const count = await t.db.query(`SELECT count(*)::int AS n FROM upload WHERE file_name IN ('setup.exe','a.pdf')`);
    expect(count[0].n).toBe(0);
  });

  it('presigned part URLs expire', async () => {
    const created = await create(teacher, { purpose: 'resource', fileName: 'a.pdf', size: 1000 });
    const urls = await t
      .http()
      .post(`/api/uploads/${created.body.id}/part-urls`)
      .set(auth(teacher))
      .send({ partNumbers: [1], expiresInSeconds: 1 });
    await new Promise((r) => setTimeout(r, 2200));
    const late = await fetch(urls.body.urls[0].url, { method: 'PUT', body: pdfBytes(1000) });
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('expired');
    const outOfRange = await t
      .http()
      .post(`/api/uploads/${created.body.id}/part-urls`)
      .set(auth(teacher))
      .send({ partNumbers: [2] });
    expect(outOfRange.status).toBe(400);
  });

  it('signed download URLs carry the Chinese file name and type (signatures: url-signer.test.ts)', async () => {
    await storage.put('test/signed/教案.pdf', pdfBytes(2000), 'application/pdf');
    const url = storage.signGet('test/signed/教案.pdf', 60, {
      downloadName: '第十二章 全等三角形 教案.pdf',
      contentType: 'application/pdf',
    });
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(ok.headers.get('content-disposition')!)).toContain(
      "attachment; filename*=UTF-8''第十二章 全等三角形 教案.pdf",
    );
    expect((await ok.arrayBuffer()).byteLength).toBe(2000);
    // s3rver does not check V4 signatures; url-signer.test.ts holds them to AWS's own implementation
  });

  it('lets only staff upload, and each user see only their own uploads', async () => {
    const student = await t.login('student.chen');
    expect((await create(student, { purpose: 'resource', fileName: 'a.pdf', size: 10 })).status).toBe(403);
    const parent = await t.login('parent.chen');
    expect((await create(parent, { purpose: 'resource', fileName: 'a.pdf', size: 10 })).status).toBe(403);
    expect((await t.http().post('/api/uploads').send({ purpose: 'resource', fileName: 'a.pdf', size: 10 })).status).toBe(401);

    const mine = await create(teacher, { purpose: 'resource', fileName: 'a.pdf', size: 1000 });
    const id = mine.body.id as string;
    expect((await t.http().get(`/api/uploads/${id}`).set(auth(other))).status).toBe(404);
    expect(
      (
        await t
          .http()
          .post(`/api/uploads/${id}/part-urls`)
          .set(auth(other))
          .send({ partNumbers: [1] })
      ).status,
    ).toBe(404);
    expect((await record(other, id, 1, '"x"', 1000)).status).toBe(404);
    expect((await t.http().post(`/api/uploads/${id}/complete`).set(auth(other))).status).toBe(404);
    expect((await t.http().delete(`/api/uploads/${id}`).set(auth(other))).status).toBe(404);
    const admin = await t.login('school.admin');
    expect((await t.http().get(`/api/uploads/${id}`).set(auth(admin))).status).toBe(404);
    expect((await t.http().get(`/api/uploads/${id}`).set(auth(student))).status).toBe(403);
    expect((await t.http().get(`/api/uploads/not-a-uuid`).set(auth(teacher))).status).toBe(400);

    // the owner cancels: the store's missing AbortMultipartUpload (405) is tolerated
    expect((await t.http().delete(`/api/uploads/${id}`).set(auth(teacher))).status).toBe(204);
    const cancelled = await t.http().get(`/api/uploads/${id}`).set(auth(teacher));
    expect(cancelled.body).toMatchObject({ state: 'aborted', reason: '上传已取消' });
    expect(
      (
        await t
          .http()
          .post(`/api/uploads/${id}/part-urls`)
          .set(auth(teacher))
          .send({ partNumbers: [1] })
      ).status,
    ).toBe(409);
  });

  it('cleans abandoned uploads and unclaimed files after the configured time; the sweep is idempotent', async () => {
    const file = pdfBytes(20_000);
    const created = await create(teacher, { purpose: 'resource', fileName: '半途.pdf', size: file.length });
    const id = created.body.id as string;
    await record(teacher, id, 1, await putPart(teacher, id, 1, file), file.length);
    const fresh = await create(teacher, { purpose: 'resource', fileName: '进行中.pdf', size: 100 });
    const unclaimed = await uploadWhole(teacher, pdfBytes(30_000), '没人用.pdf');
    const blobKey = (
      await t.db.query('SELECT b.key FROM blob b JOIN upload u ON u.blob_id=b.id WHERE u.id=$1', [unclaimed.id])
    )[0].key as string;

    await t.db.query(`UPDATE upload SET last_activity_at = now() - interval '25 hours' WHERE id=$1`, [id]);
    await t.db.query(`UPDATE upload SET completed_at = now() - interval '25 hours' WHERE id=$1`, [unclaimed.id]);
    const first = await maintenance.sweep();
    expect(first).toMatchObject({ aborted: 1, expired: 1 });
    await t.jobs.drain();
    const gone = await t.http().get(`/api/uploads/${id}`).set(auth(teacher));
    expect(gone.body).toMatchObject({ state: 'aborted', storedParts: [], reason: '上传长时间未完成，已自动取消' });
    expect((await t.http().get(`/api/uploads/${fresh.body.id}`).set(auth(teacher))).body.state).toBe('uploading');
    expect(await storage.head(blobKey)).toBeNull();
    expect(await t.db.query('SELECT 1 FROM blob WHERE key=$1', [blobKey])).toHaveLength(0);
    expect(await maintenance.sweep()).toMatchObject({ aborted: 0, expired: 0 });

    // a verification whose job ran out of attempts (say the store was down) is tried again
    const stuckFile = pdfBytes(5000);
    const stuck = await create(teacher, { purpose: 'resource', fileName: '卡住.pdf', size: stuckFile.length });
    await record(teacher, stuck.body.id, 1, await putPart(teacher, stuck.body.id, 1, stuckFile), stuckFile.length);
    await t.http().post(`/api/uploads/${stuck.body.id}/complete`).set(auth(teacher));
    await t.db.query(`UPDATE job SET state='failed' WHERE queue='storage.verify' AND payload->>'uploadId'=$1`, [stuck.body.id]);
    await t.db.query(`UPDATE upload SET updated_at = now() - interval '2 hours' WHERE id=$1`, [stuck.body.id]);
    await maintenance.sweep();
    await t.jobs.drain();
    expect((await t.http().get(`/api/uploads/${stuck.body.id}`).set(auth(teacher))).body.state).toBe('ready');

    // the sweep re-schedules itself in the next slot, one job per slot
    const queued = await t.db.query(`SELECT count(*)::int AS n FROM job WHERE queue='storage.maintenance' AND state='queued'`);
    expect(queued[0].n).toBeGreaterThanOrEqual(1);
    await maintenance.schedule();
    await maintenance.schedule();
    const again = await t.db.query(`SELECT count(*)::int AS n FROM job WHERE queue='storage.maintenance' AND state='queued'`);
    expect(again[0].n).toBe(queued[0].n);
  });
});
